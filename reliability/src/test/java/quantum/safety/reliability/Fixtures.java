package quantum.safety.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import quantum.safety.exporter.BuildIdentity;
import quantum.safety.exporter.ExporterConfig;
import quantum.safety.exporter.ExporterServer;
import quantum.safety.kernel.FailPolicy;
import quantum.safety.kernel.KernelConfig;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.SafetyKernel;
import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;
import redis.clients.jedis.UnifiedJedis;

/** The kernel and the exporter as a service would run them, pointed at a test's Redis. */
final class Fixtures {

    private Fixtures() {
    }

    static RedisConnector connector(String uri) {
        return connector(uri, RedisCredentials.none());
    }

    static RedisConnector connector(String uri, RedisCredentials credentials) {
        return RedisConnector.to(RedisEndpoint.parse(uri), credentials)
                .connectTimeout(Duration.ofMillis(300)).socketTimeout(Duration.ofMillis(500))
                .clientName("quantum-safety-reliability");
    }

    /** High limits, so that a burst measures Redis faults and not the rate rules. */
    static KernelConfig.Builder config(FailPolicy policy) {
        return KernelConfig.builder().failPolicy(policy).globalMax(1_000_000).symbolMax(1_000_000)
                .windowSeconds(3600).failLogInterval(Duration.ofSeconds(60)).kernelId("reliability");
    }

    record Kernel(SafetyKernel kernel, UnifiedJedis redis) implements AutoCloseable {
        @Override
        public void close() {
            redis.close();
        }
    }

    static Kernel kernel(String uri, KernelConfig config) {
        return kernel(connector(uri), config, RedisSchema.legacy());
    }

    /** The kernel on a client from {@code connector}, opened with the decision deadline as a service opens it. */
    static Kernel kernel(RedisConnector connector, KernelConfig config, RedisSchema schema) {
        UnifiedJedis redis = connector.forDecisions(config.decisionTimeout()).open();
        return new Kernel(SafetyKernel.create(config, redis, schema), redis);
    }

    static ExporterServer exporter(String uri) {
        return exporter(uri, b -> { });
    }

    static ExporterServer exporter(String uri, Consumer<ExporterConfig.Builder> customise) {
        ExporterConfig.Builder builder = ExporterConfig.builder(connector(uri))
                .listenAddresses(List.of("127.0.0.1:0"))
                .runtimeMetrics(false)
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(250))
                .build(new BuildIdentity("0.1.0-reliability", "test", "reliability"));
        customise.accept(builder);
        try {
            return ExporterServer.start(builder.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String metricsUrl(ExporterServer exporter) {
        return "http://127.0.0.1:" + exporter.port() + "/metrics";
    }
}
