package quantum.safety.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the decision service serves: where, with which web config, how many decisions at once and how much may wait.
 * The kernel's own settings live in the {@code SafetyKernel} it is given. Built with {@link #builder()}.
 *
 * @param listenAddresses  {@code [host]:port} values, at least one
 * @param webConfigFile    the exporter-toolkit web config (TLS, basic auth, headers), if any
 * @param threads          decision threads (each holds one Redis connection while deciding)
 * @param queueSize        requests that may wait for a decision thread
 * @param maxBatch         most intents in one batch request
 * @param maxBodyBytes     largest request body
 * @param shutdownGrace    how long shutdown waits for decisions in progress
 * @param runtimeMetrics   whether {@code /metrics} carries the JVM and process metrics
 * @param version          the project version, for build info
 * @param revision         the commit the jar was built from
 */
public record ServiceConfig(List<String> listenAddresses, Optional<Path> webConfigFile, int threads, int queueSize,
                            int maxBatch, int maxBodyBytes, Duration shutdownGrace, boolean runtimeMetrics,
                            String version, String revision) {

    public static final String DEFAULT_LISTEN_ADDRESS = "127.0.0.1:9106";
    public static final int DEFAULT_THREADS = 16;
    public static final int DEFAULT_QUEUE_SIZE = 256;
    public static final int DEFAULT_MAX_BATCH = 100;
    public static final int DEFAULT_MAX_BODY_BYTES = 128 * 1024;

    public ServiceConfig {
        listenAddresses = List.copyOf(listenAddresses);
        Objects.requireNonNull(webConfigFile, "webConfigFile");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(revision, "revision");
        if (listenAddresses.isEmpty()) {
            throw new IllegalArgumentException("no listen address; give one such as 127.0.0.1:9106");
        }
        requireRange("threads", threads, 1, 1024);
        requireRange("queue size", queueSize, 1, 1_000_000);
        requireRange("max batch", maxBatch, 1, 10_000);
        requireRange("max body", maxBodyBytes, 1024, 64 * 1024 * 1024);
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdown grace " + shutdownGrace + " is negative");
        }
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " " + value + " is out of range; use " + min + " to " + max);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults as in {@link ServiceSetting}; the listen address is loopback. */
    public static final class Builder {
        private List<String> listenAddresses = List.of(DEFAULT_LISTEN_ADDRESS);
        private Optional<Path> webConfigFile = Optional.empty();
        private int threads = DEFAULT_THREADS;
        private int queueSize = DEFAULT_QUEUE_SIZE;
        private int maxBatch = DEFAULT_MAX_BATCH;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private Duration shutdownGrace = Duration.ofSeconds(10);
        private boolean runtimeMetrics = true;
        private String version = "unknown";
        private String revision = "unknown";

        private Builder() {
        }

        public Builder listenAddresses(List<String> value) {
            this.listenAddresses = value;
            return this;
        }

        public Builder listenAddress(String value) {
            return listenAddresses(List.of(value));
        }

        /** Null for none. */
        public Builder webConfigFile(Path value) {
            this.webConfigFile = Optional.ofNullable(value);
            return this;
        }

        public Builder threads(int value) {
            this.threads = value;
            return this;
        }

        public Builder queueSize(int value) {
            this.queueSize = value;
            return this;
        }

        public Builder maxBatch(int value) {
            this.maxBatch = value;
            return this;
        }

        public Builder maxBodyBytes(int value) {
            this.maxBodyBytes = value;
            return this;
        }

        public Builder shutdownGrace(Duration value) {
            this.shutdownGrace = value;
            return this;
        }

        public Builder runtimeMetrics(boolean value) {
            this.runtimeMetrics = value;
            return this;
        }

        public Builder build(String version, String revision) {
            this.version = version;
            this.revision = revision;
            return this;
        }

        public ServiceConfig build() {
            return new ServiceConfig(listenAddresses, webConfigFile, threads, queueSize, maxBatch, maxBodyBytes,
                    shutdownGrace, runtimeMetrics, version, revision);
        }
    }
}
