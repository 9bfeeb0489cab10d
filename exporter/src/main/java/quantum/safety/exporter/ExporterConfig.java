package quantum.safety.exporter;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.redis.RedisConnector;

/**
 * Everything {@link ExporterServer} needs, built with {@link #builder(RedisConnector)}. The command line fills it from
 * flags; the demo and the tests fill it in code.
 */
public final class ExporterConfig {

    public static final String DEFAULT_LISTEN_ADDRESS = ":9105";

    private final RedisConnector redis;
    private final RedisSchema schema;
    private final int windowSeconds;
    private final int faultsTopSymbols;
    private final int globalMax;
    private final int symbolMax;
    private final boolean top5Info;
    private final List<String> listenAddresses;
    private final Optional<Path> webConfigFile;
    private final Duration maxScrapeTimeout;
    private final BuildIdentity build;
    private final Optional<Clock> clock;
    private final boolean runtimeMetrics;
    private final boolean jvmMetrics;
    private final Duration backoffInitial;
    private final Duration backoffMax;
    private final int maxHttpThreads;
    private final Optional<java.net.URI> archiveUrl;

    private ExporterConfig(Builder b) {
        this.redis = b.redis;
        this.schema = b.schema;
        this.windowSeconds = b.windowSeconds;
        this.faultsTopSymbols = b.faultsTopSymbols;
        this.globalMax = b.globalMax;
        this.symbolMax = b.symbolMax;
        this.top5Info = b.top5Info;
        this.listenAddresses = List.copyOf(b.listenAddresses);
        this.webConfigFile = b.webConfigFile;
        this.maxScrapeTimeout = b.maxScrapeTimeout;
        this.build = b.build != null ? b.build : BuildIdentity.fromClasspath("");
        this.clock = b.clock;
        this.runtimeMetrics = b.runtimeMetrics;
        this.jvmMetrics = b.jvmMetrics;
        this.backoffInitial = b.backoffInitial;
        this.backoffMax = b.backoffMax;
        this.maxHttpThreads = b.maxHttpThreads;
        this.archiveUrl = b.archiveUrl;
    }

    public static Builder builder(RedisConnector redis) {
        return new Builder(redis);
    }

    public RedisConnector redis() {
        return redis;
    }

    public RedisSchema schema() {
        return schema;
    }

    public int windowSeconds() {
        return windowSeconds;
    }

    public int faultsTopSymbols() {
        return faultsTopSymbols;
    }

    /**
     * What the status page at {@code /} shows counts against while no kernel has published its settings (kernels
     * that do replace the window and limits with theirs), and how many faults it lists.
     */
    public quantum.safety.state.StatusLimits statusLimits() {
        return quantum.safety.state.StatusLimits.builder().windowSeconds(windowSeconds).globalMax(globalMax)
                .symbolMax(symbolMax).lastFaults(10).build();
    }

    public boolean top5Info() {
        return top5Info;
    }

    public List<String> listenAddresses() {
        return listenAddresses;
    }

    public Optional<Path> webConfigFile() {
        return webConfigFile;
    }

    public Duration maxScrapeTimeout() {
        return maxScrapeTimeout;
    }

    public BuildIdentity build() {
        return build;
    }

    /** The injected clock; empty means the local clock corrected to the Redis server's TIME. */
    public Optional<Clock> clock() {
        return clock;
    }

    public boolean runtimeMetrics() {
        return runtimeMetrics;
    }

    public boolean jvmMetrics() {
        return jvmMetrics;
    }

    public Duration backoffInitial() {
        return backoffInitial;
    }

    public Duration backoffMax() {
        return backoffMax;
    }

    public int maxHttpThreads() {
        return maxHttpThreads;
    }

    /** The audit archive's external base URL the status page links to ({@link ExporterSetting#ARCHIVE_URL}). */
    public Optional<java.net.URI> archiveUrl() {
        return archiveUrl;
    }

    public static final class Builder {
        private final RedisConnector redis;
        private RedisSchema schema = RedisSchema.legacy();
        private int windowSeconds = 10;
        private int faultsTopSymbols = 10;
        private int globalMax = quantum.safety.kernel.KernelConfig.DEFAULT_GLOBAL_MAX;
        private int symbolMax = quantum.safety.kernel.KernelConfig.DEFAULT_SYMBOL_MAX;
        private boolean top5Info = true;
        private List<String> listenAddresses = List.of(DEFAULT_LISTEN_ADDRESS);
        private Optional<Path> webConfigFile = Optional.empty();
        private Duration maxScrapeTimeout = Duration.ofSeconds(5);
        private BuildIdentity build;
        private Optional<Clock> clock = Optional.empty();
        private boolean runtimeMetrics = true;
        private boolean jvmMetrics;
        private Duration backoffInitial = Duration.ofMillis(250);
        private Duration backoffMax = Duration.ofSeconds(4);
        private int maxHttpThreads = 8;
        private Optional<java.net.URI> archiveUrl = Optional.empty();

        private Builder(RedisConnector redis) {
            this.redis = Objects.requireNonNull(redis, "redis");
        }

        public Builder schema(RedisSchema schema) {
            this.schema = Objects.requireNonNull(schema);
            return this;
        }

        /**
         * The kernels' rate limits ({@link ExporterSetting#KERNEL_GLOBAL_MAX}, {@link ExporterSetting#KERNEL_SYMBOL_MAX});
         * only the status page uses them, to show counts against limits.
         */
        public Builder kernelLimits(int globalMax, int symbolMax) {
            if (globalMax < 1 || symbolMax < 1) {
                throw new IllegalArgumentException("kernel limits must be at least 1, got global " + globalMax
                        + ", symbol " + symbolMax);
            }
            this.globalMax = globalMax;
            this.symbolMax = symbolMax;
            return this;
        }

        /** The kernel's rate window in seconds ({@link ExporterSetting#WINDOW}); must match the kernel's. */
        public Builder windowSeconds(int seconds) {
            if (seconds < 1) {
                throw new IllegalArgumentException("window must be at least 1 second, got " + seconds);
            }
            this.windowSeconds = seconds;
            return this;
        }

        public Builder faultsTopSymbols(int n) {
            if (n < 0 || n > 1000) {
                throw new IllegalArgumentException("faults top symbols must be between 0 and 1000, got " + n);
            }
            this.faultsTopSymbols = n;
            return this;
        }

        public Builder top5Info(boolean enabled) {
            this.top5Info = enabled;
            return this;
        }

        public Builder listenAddresses(List<String> addresses) {
            if (addresses.isEmpty()) {
                throw new IllegalArgumentException("at least one listen address is needed, e.g. :9105");
            }
            this.listenAddresses = List.copyOf(addresses);
            return this;
        }

        public Builder webConfigFile(Path file) {
            this.webConfigFile = Optional.ofNullable(file);
            return this;
        }

        public Builder maxScrapeTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("max scrape timeout must be positive, got " + timeout);
            }
            this.maxScrapeTimeout = timeout;
            return this;
        }

        public Builder build(BuildIdentity build) {
            this.build = build;
            return this;
        }

        /** A clock for "now" (tests: a fixed clock); without one the exporter follows the Redis server's clock. */
        public Builder clock(Clock clock) {
            this.clock = Optional.of(clock);
            return this;
        }

        /** Whether to export the exporter's own runtime metrics (the process and the heap). */
        public Builder runtimeMetrics(boolean enabled) {
            this.runtimeMetrics = enabled;
            return this;
        }

        /** Whether the runtime metrics include client_java's JVM metrics (GC, threads, classes, memory pools). */
        public Builder jvmMetrics(boolean enabled) {
            this.jvmMetrics = enabled;
            return this;
        }

        /** Wait between Redis connection attempts after a failure: doubles from initial up to max. */
        public Builder reconnectBackoff(Duration initial, Duration max) {
            this.backoffInitial = initial;
            this.backoffMax = max;
            return this;
        }

        public Builder maxHttpThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("at least one HTTP thread is needed");
            }
            this.maxHttpThreads = threads;
            return this;
        }

        /** Null or blank: none. A URL that is not absolute http(s), or that carries a user, is refused. */
        public Builder archiveUrl(String url) {
            this.archiveUrl = ArchiveUrl.parse(url);
            return this;
        }

        public ExporterConfig build() {
            return new ExporterConfig(this);
        }
    }
}
