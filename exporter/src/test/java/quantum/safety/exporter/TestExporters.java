package quantum.safety.exporter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;

import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;

/** Exporters for tests: loopback, a free port, no JVM metrics, a fixed clock unless told otherwise. */
public final class TestExporters {

    /** "Now" of every test that fixes the clock: 2026-01-19T03:00:00Z. */
    public static final Instant NOW = Instant.parse("2026-01-19T03:00:00Z");
    public static final long NOW_MILLIS = NOW.toEpochMilli();

    private TestExporters() {
    }

    public static RedisConnector connector(String host, int port) {
        return RedisConnector.to(RedisEndpoint.standalone(host, port), RedisCredentials.none())
                .connectTimeout(Duration.ofMillis(500)).socketTimeout(Duration.ofMillis(1000))
                .clientName("quantum-safety-exporter-test");
    }

    public static ExporterConfig.Builder config(String host, int port) {
        return ExporterConfig.builder(connector(host, port))
                .listenAddresses(List.of("127.0.0.1:0"))
                .runtimeMetrics(false)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build(new BuildIdentity("0.1.0-test", "abc1234", "test"));
    }

    public static ExporterServer start(String host, int port) {
        return start(host, port, b -> { });
    }

    public static ExporterServer start(String host, int port, Consumer<ExporterConfig.Builder> customise) {
        ExporterConfig.Builder builder = config(host, port);
        customise.accept(builder);
        try {
            return ExporterServer.start(builder.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
