package quantum.safety.kernel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;
import quantum.safety.process.LocalRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/** One test's view of a flushed Redis: a pooled client for kernels, a plain connection for checks. */
final class KernelFixture implements AutoCloseable {

    final LocalRedis server;
    final UnifiedJedis client;
    final Jedis raw;
    final RedisSchema schema;
    /** Closed with the fixture, so that no kernel of this test publishes its settings into the next test's Redis. */
    private final List<SafetyKernel> kernels = new ArrayList<>();

    KernelFixture(RedisServers.Server server) {
        this(server.redis(), RedisSchema.legacy());
    }

    KernelFixture(RedisServers.Server server, RedisSchema schema) {
        this(server.redis(), schema);
    }

    /** On a private server that the test may kill or restart. */
    KernelFixture(LocalRedis server) {
        this(server, RedisSchema.legacy());
    }

    KernelFixture(LocalRedis server, RedisSchema schema) {
        this.server = server;
        this.schema = schema;
        this.raw = server.connect();
        raw.flushAll();
        raw.scriptFlush();
        this.client = client(server, TEST_DECISION_TIMEOUT);
    }

    /**
     * Deadline of the fixture's kernels and clients: longer than the default, so that a busy CI machine never turns a
     * slow answer into a fail-closed decision in a test about something else. Deadline tests set their own.
     */
    static final Duration TEST_DECISION_TIMEOUT = Duration.ofSeconds(2);

    /** A pooled client that enforces {@code deadline} on every decision, as a service would open it. */
    static UnifiedJedis client(LocalRedis server, Duration deadline) {
        return RedisConnector.to(RedisEndpoint.standalone(server.host(), server.port()), RedisCredentials.none())
                .forDecisions(deadline).open();
    }

    /** Window of the fixture's kernels: long, so that the decisions of one test share one bucket. */
    static final int TEST_WINDOW_SEC = 3600;

    /**
     * A kernel with the legacy defaults changed by {@code tweak}, a fixed kernel id and a one-hour window (a 10 s
     * window would let a bucket roll over in the middle of a test now and then; tests of the legacy window set it).
     */
    SafetyKernel kernel(UnaryOperator<KernelConfig.Builder> tweak) {
        KernelConfig.Builder defaults = KernelConfig.builder().kernelId("test-kernel").windowSeconds(TEST_WINDOW_SEC)
                .decisionTimeout(TEST_DECISION_TIMEOUT);
        SafetyKernel kernel = SafetyKernel.create(tweak.apply(defaults).build(), client, schema);
        kernels.add(kernel);
        return kernel;
    }

    SafetyKernel kernel() {
        return kernel(b -> b);
    }

    List<StreamEntry> faults() {
        return raw.xrange(schema.faultStream(), "-", "+");
    }

    List<StreamEntry> audits() {
        return raw.xrange(schema.auditStream(), "-", "+");
    }

    Map<String, String> decisions() {
        return raw.hgetAll(schema.decisionCounters());
    }

    Map<String, String> totals() {
        return raw.hgetAll(schema.kernelTotals());
    }

    long serverTime() {
        return Long.parseLong(raw.time().get(0));
    }

    @Override
    public void close() {
        kernels.forEach(SafetyKernel::close);
        client.close();
        raw.close();
    }
}
