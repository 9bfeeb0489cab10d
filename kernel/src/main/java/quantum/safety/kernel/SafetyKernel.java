package quantum.safety.kernel;

import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.UnifiedJedis;

/**
 * The safety kernel: decides whether a trade intent may be published, in one atomic Redis script per decision.
 *
 * <pre>{@code
 * UnifiedJedis redis = RedisConnector.to(RedisEndpoint.parse("redis://127.0.0.1:6379"), RedisCredentials.none()).open();
 * SafetyKernel kernel = SafetyKernel.create(KernelConfig.fromEnv(System.getenv()), redis, RedisSchema.legacy());
 * Decision d = kernel.decide(Intent.of("BTCUSDT", "BUY").withCorrelationId(orderId));
 * if (!d.allowed()) { reject(d.reason()); }
 * }</pre>
 *
 * <p>The script reads the kill switch and the SAFE MODE flag, takes the window bucket from the server's
 * {@code TIME}, counts the intent, decides, and on a trip sets SAFE MODE and appends the fault and audit events,
 * all at once. {@link #decide(Intent)} never throws: when Redis cannot decide, the {@link FailPolicy} answers,
 * the failure is counted ({@link #failures()}) and logged at most once per interval, and the count reaches the
 * fleet-wide {@code safety:decisions} hash with the next decision that gets through. No error path writes to
 * Redis, so none can clear SAFE MODE.
 *
 * <p>Thread-safe. The caller owns the {@link UnifiedJedis} (a pool sized for its decision threads) and closes it.
 */
public final class SafetyKernel {

    private static final Logger LOG = LoggerFactory.getLogger(SafetyKernel.class);

    private final KernelConfig config;
    private final UnifiedJedis redis;
    private final RedisSchema schema;
    private final DecisionScript script;
    private final FailureCounter failures = new FailureCounter();
    private final RateLimitedLog failLog;
    private final RateLimitedLog statsLog;

    private SafetyKernel(KernelConfig config, UnifiedJedis redis, RedisSchema schema) {
        this.config = Objects.requireNonNull(config, "config");
        this.redis = Objects.requireNonNull(redis, "redis");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.script = new DecisionScript(config, schema);
        this.failLog = new RateLimitedLog(LOG, config.failLogInterval(), System::nanoTime);
        this.statsLog = new RateLimitedLog(LOG, config.failLogInterval(), System::nanoTime);
    }

    /**
     * Builds a kernel; it does not contact Redis, so it can be created while Redis is down. On Redis Cluster
     * ({@link JedisCluster}) the schema's prefix must carry a hash tag such as {@code {quantum}:}, because the
     * decision script touches all its keys at once; without one this throws {@link IllegalArgumentException}
     * instead of failing every decision later.
     */
    public static SafetyKernel create(KernelConfig config, UnifiedJedis redis, RedisSchema schema) {
        requireHashTagOnCluster(redis, schema);
        return new SafetyKernel(config, redis, schema);
    }

    static void requireHashTagOnCluster(UnifiedJedis redis, RedisSchema schema) {
        if (redis instanceof JedisCluster && !schema.hasHashTag()) {
            throw new IllegalArgumentException("on Redis Cluster the key prefix '" + schema.prefix()
                    + "' needs a hash tag so that all kernel keys share one slot; use e.g. {quantum}:");
        }
    }

    /**
     * Decides one intent. Never throws for a non-null intent; see the class comment for what happens when Redis
     * cannot decide.
     */
    public Decision decide(Intent intent) {
        Objects.requireNonNull(intent, "intent");
        FailureCounter.Pending late = failures.take();
        try {
            DecisionScript.Outcome outcome = script.run(redis, intent, late);
            if (!outcome.statsOk()) {
                // The decision stands; only the statistics are lost, and the late counts wait for the next call.
                failures.statsError();
                failures.giveBack(late);
                statsLog.warn("decision statistics could not be written", new IllegalStateException(
                        "a statistics key (" + schema.decisionCounters() + ", " + schema.kernelTotals()
                                + " or a ranking set) holds a value of the wrong type"));
            }
            Decision decision = outcome.decision();
            return decision.tripped() && config.tripReplicaAcks() > 0 ? tripAcknowledged(decision) : decision;
        } catch (RuntimeException e) {
            failures.giveBack(late);
            return failed(intent, e);
        }
    }

    /**
     * Waits until {@link KernelConfig#tripReplicaAcks()} replicas hold the trip. {@code WAIT} cannot run inside a
     * script and only covers the writes of its own connection, while the pool may hand us another one: so one
     * pipeline (one connection) first PUBLISHes on the channel named after the SAFE MODE key (a write that is
     * replicated, so the connection's replication offset is at or past the trip's) and then WAITs. The trip stands
     * whatever the answer; meta {@code replica_acks} says how many replicas acknowledged (-1 when the wait failed).
     */
    private Decision tripAcknowledged(Decision decision) {
        long acks;
        try (AbstractPipeline pipeline = redis.pipelined()) {
            pipeline.publish(schema.safeMode(), "trip");
            Response<Long> waited = pipeline.waitReplicas(schema.safeMode(),
                    config.tripReplicaAcks(), config.tripAckTimeout().toMillis());
            pipeline.sync();
            acks = waited.get();
        } catch (RuntimeException e) {
            statsLog.warn("a trip could not wait for replica acknowledgements", e);
            acks = -1;
        }
        if (acks < config.tripReplicaAcks()) {
            LOG.warn("trip acknowledged by {} of {} replicas within {} ms; a failover now could lose SAFE MODE",
                    acks, config.tripReplicaAcks(), config.tripAckTimeout().toMillis());
        }
        Map<String, Object> meta = new java.util.LinkedHashMap<>(decision.meta());
        meta.put("replica_acks", acks);
        return Decision.owning(decision.reason(), meta);
    }

    private Decision failed(Intent intent, RuntimeException error) {
        FailPolicy policy = config.failPolicy();
        if (policy == FailPolicy.OPEN && error instanceof JedisDataException) {
            Decision blocked = flagsStillReadable(intent, error);
            if (blocked != null) {
                return blocked;
            }
        }
        failures.failed(policy);
        failLog.warn("Redis could not decide; fail policy " + policy.name().toLowerCase(java.util.Locale.ROOT)
                + " answers " + policy.reason(), error);
        Map<String, Object> meta = DecisionScript.baseMeta(intent, config);
        meta.put("tripped", false);
        meta.put("error", error.getClass().getSimpleName());
        meta.put("kernel_id", config.kernelId());
        return Decision.owning(policy.reason(), meta);
    }

    /**
     * Redis answered with an error rather than not at all (out of memory with noeviction, a read-only replica after
     * a failover, a busy script): writes fail but reads still work. Failing open then would let intents through an
     * active SAFE MODE or kill switch, so the flags are read first (one GET each) and, when either is on, the intent
     * is blocked with its usual reason. Not done for connection errors: nothing would answer, and a second timeout
     * would only double the wait.
     */
    private Decision flagsStillReadable(Intent intent, RuntimeException error) {
        Reason reason;
        try {
            String kill = redis.get(schema.killSwitch());
            String safe = redis.get(schema.safeMode());
            reason = kill != null && !kill.equals("0") ? Reason.KILL_SWITCH_ENGAGED
                    : safe != null && !safe.equals("0") ? Reason.SAFE_MODE_ENABLED : null;
        } catch (RuntimeException readError) {
            return null;
        }
        if (reason == null) {
            return null;
        }
        failLog.warn("Redis refused the decision script; " + reason + " read directly blocks the intent", error);
        Map<String, Object> meta = DecisionScript.baseMeta(intent, config);
        meta.put("tripped", false);
        meta.put("error", error.getClass().getSimpleName());
        meta.put("kernel_id", config.kernelId());
        return Decision.owning(reason, meta);
    }

    /** Audited manual operations (SAFE MODE, kill switch) on the same Redis and schema. */
    public SafetyOperations operations() {
        return new SafetyOperations(redis, schema);
    }

    /** Decisions this instance took without Redis; a snapshot. */
    public FailureStats failures() {
        return failures.snapshot();
    }

    public KernelConfig config() {
        return config;
    }

    public RedisSchema schema() {
        return schema;
    }
}
