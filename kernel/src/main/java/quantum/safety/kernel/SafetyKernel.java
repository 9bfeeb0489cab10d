package quantum.safety.kernel;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import quantum.safety.kernel.log.RateLimitedLog;
import quantum.safety.kernel.redis.ClientInspection;
import quantum.safety.kernel.redis.DecisionDeadline;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The safety kernel: decides whether a trade intent may be published, in one atomic Redis script per decision.
 *
 * <pre>{@code
 * KernelConfig config = KernelConfig.fromEnv(System.getenv());
 * UnifiedJedis redis = RedisConnector.to(RedisEndpoint.parse("redis://127.0.0.1:6379"), RedisCredentials.none())
 *         .forDecisions(config.decisionTimeout()).open();
 * SafetyKernel kernel = SafetyKernel.create(config, redis, RedisSchema.legacy());
 * Decision d = kernel.decide(Intent.of("BTCUSDT", "BUY").withCorrelationId(orderId));
 * if (!d.allowed()) { reject(d.reason()); }
 * }</pre>
 *
 * <p>The script reads the kill switch and the SAFE MODE flag, takes the window bucket from the server's
 * {@code TIME}, counts the intent, decides, and on a trip sets SAFE MODE and appends the fault and audit events,
 * all at once. {@link #decide(Intent)} never throws and never allows on what it cannot read:
 * <ul>
 *   <li>a flag of another type or with any value but absent or {@code "0"} is on ({@link FlagState}); a counter
 *       holding garbage blocks ({@link Reason#STATE_UNREADABLE}); a decided trip always sets SAFE MODE, and events
 *       it could not write are counted ({@link FailureStats#lostEvents()}) and logged;</li>
 *   <li>each decision has a deadline ({@link KernelConfig#decisionTimeout()}); when Redis does not answer in time or
 *       refuses, the last state read decides first (SAFE MODE until its expiry, the kill switch), then the
 *       {@link FailPolicy} (closed by default; open is capped);</li>
 *   <li>a configuration error (credentials, ACL, a refused command or script) blocks with
 *       {@link Reason#CONFIG_ERROR} whatever the policy and is logged as an error naming the setting to fix.</li>
 * </ul>
 * Decisions taken without Redis are counted ({@link #failures()}) and reach the fleet-wide {@code safety:decisions}
 * hash with the next decision that gets through. No error path writes to Redis, so none can clear SAFE MODE.
 *
 * <p>From its creation until {@link #close()} the kernel publishes its settings ({@link PublishedSettings}: window,
 * limits, cooldowns, policies, version) under its kernel id, refreshed on a background thread, so that the exporter,
 * {@code ctl}, {@code doctor} and the status page show the limits it really uses ({@link #settingsPublication()}).
 * A publication borrows one pooled connection for one short script every 20 s: give the pool a connection to spare.
 *
 * <p>Thread-safe. The caller owns the {@link UnifiedJedis} and closes it, after the kernel; its pool must not make a
 * caller wait longer than the decision timeout ({@code RedisConnector.forDecisions} opens one that enforces the
 * deadline on every read).
 */
public final class SafetyKernel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SafetyKernel.class);
    private static final long SLOT_MOVE_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    // Topics of the throttled log: each keeps its own interval, so a flood of one never hides the first of another.
    private static final String UNDECIDED = "undecided";
    private static final String STATS = "stats";
    private static final String CONFIG = "config";
    private static final String LOST_EVENTS = "lost-events";

    private final KernelConfig config;
    private final UnifiedJedis redis;
    private final RedisSchema schema;
    private final DecisionScript script;
    private final long timeoutNanos;
    private final FailureCounter failures = new FailureCounter();
    private final LastKnownState lastKnown = new LastKnownState();
    private final FailOpenBudget failOpenBudget;
    private final RateLimitedLog throttled;
    private final SettingsPublisher settings;

    private SafetyKernel(KernelConfig config, UnifiedJedis redis, RedisSchema schema) {
        this.config = Objects.requireNonNull(config, "config");
        this.redis = Objects.requireNonNull(redis, "redis");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.script = new DecisionScript(config, schema);
        this.timeoutNanos = config.decisionTimeout().toNanos();
        this.failOpenBudget = new FailOpenBudget(config.failOpenGlobalMax(), config.failOpenSymbolMax(),
                config.windowSeconds());
        this.throttled = new RateLimitedLog(LOG, config.failLogInterval());
        this.settings = SettingsPublisher.start(redis, schema, config, throttled, SettingsPublisher.REFRESH);
    }

    /**
     * Builds a kernel and starts publishing its settings in the background; it does not wait for Redis, so it can be
     * created while Redis is down. Refused with
     * {@link IllegalArgumentException}: a client on Redis Cluster whose schema prefix has no hash tag such as
     * {@code {quantum}:} (the decision script touches all its keys at once), and a client that does not enforce the
     * decision timeout: one not opened by {@code RedisConnector.forDecisions} with a deadline at most the timeout.
     */
    public static SafetyKernel create(KernelConfig config, UnifiedJedis redis, RedisSchema schema) {
        requireHashTagOnCluster(redis, schema);
        ClientInspection.requireDecisionClient(redis, config.decisionTimeout());
        return new SafetyKernel(config, redis, schema);
    }

    static void requireHashTagOnCluster(UnifiedJedis redis, RedisSchema schema) {
        if (ClientInspection.isCluster(redis) && !schema.hasHashTag()) {
            throw new IllegalArgumentException("on Redis Cluster the key prefix '" + schema.prefix()
                    + "' needs a hash tag so that all kernel keys share one slot; use e.g. {quantum}:");
        }
    }

    /**
     * Decides one intent within the decision timeout. Never throws for a non-null intent; see the class comment for
     * what happens when Redis cannot decide.
     */
    public Decision decide(Intent intent) {
        Objects.requireNonNull(intent, "intent");
        FailureCounter.Pending late = failures.take();
        long start = System.nanoTime();
        DecisionScript.Outcome outcome;
        try {
            long deadline = start + timeoutNanos;
            outcome = DecisionDeadline.within(deadline, () -> runRetryingSlotMoves(intent, late, deadline));
        } catch (RuntimeException e) {
            failures.giveBack(late);
            return failed(intent, e, start);
        }
        DecisionScript.Reply reply = outcome.reply();
        lastKnown.observe(reply.reason() == Reason.KILL_SWITCH_ENGAGED, reply.safeModeTtl(), start);
        if (!reply.statsOk()) {
            // The decision stands; what did not reach the fleet-wide counters goes with the next call, exactly once.
            failures.statsError();
            if (!reply.lateReported()) {
                failures.giveBack(late);
            }
            if (!reply.counted()) {
                failures.reportLater(reply.reason());
            }
            throttled.warn(STATS, "decision statistics could not be written; the decision stands and is counted later",
                    new IllegalStateException("a statistics key (" + schema.decisionCounters() + ", "
                            + schema.kernelTotals() + " or a ranking set) holds a value of the wrong type, or Redis "
                            + "refuses writes"));
        }
        if (reply.lostEvents() > 0) {
            failures.lostEvents(reply.lostEvents());
            throttled.error(LOST_EVENTS, "SAFE MODE was switched on by a " + reply.reason() + " trip, but " + reply.lostEvents()
                    + " of its events could not be written: " + schema.faultStream() + " or " + schema.auditStream()
                    + " is not a usable stream (another type, or its last id at the maximum); counted in "
                    + schema.kernelTotals() + " lost_events");
        }
        Decision decision = outcome.decision();
        return decision.tripped() && config.tripReplicaAcks() > 0 ? tripAcknowledged(decision) : decision;
    }

    /**
     * Runs the script, again after a short pause while a Cluster slot move answers TRYAGAIN (the script's keys are
     * split between two nodes for a moment; it did not run), as long as the deadline allows.
     */
    private DecisionScript.Outcome runRetryingSlotMoves(Intent intent, FailureCounter.Pending late, long deadline) {
        while (true) {
            try {
                return script.run(redis, intent, late);
            } catch (JedisDataException e) {
                if (!String.valueOf(e.getMessage()).startsWith("TRYAGAIN")
                        || deadline - System.nanoTime() <= SLOT_MOVE_PAUSE_NANOS) {
                    throw e;
                }
                LockSupport.parkNanos(SLOT_MOVE_PAUSE_NANOS);
            }
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
            throttled.warn(STATS, "a trip could not wait for replica acknowledgements", e);
            acks = -1;
        }
        if (acks < config.tripReplicaAcks()) {
            LOG.warn("trip acknowledged by {} of {} replicas within {} ms; a failover now could lose SAFE MODE",
                    acks, config.tripReplicaAcks(), config.tripAckTimeout().toMillis());
        }
        Map<String, Object> meta = new LinkedHashMap<>(decision.meta());
        meta.put("replica_acks", acks);
        return Decision.owning(decision.reason(), meta);
    }

    /** Redis gave no decision: configuration errors block; otherwise what is known blocks, then the fail policy. */
    private Decision failed(Intent intent, RuntimeException error, long start) {
        RedisFailure failure = RedisFailure.of(error);
        if (failure.kind() == RedisFailure.Kind.CONFIGURATION) {
            throttled.error(CONFIG, "the kernel cannot decide and blocks every intent: " + failure.cause());
            return withoutRedis(intent, Reason.CONFIG_ERROR, error, "config_error", failure.cause());
        }
        Reason known = null;
        String source = "last_known";
        if (failure.kind() == RedisFailure.Kind.WRITES_REFUSED) {
            // Writes fail but reads may not: the flags as they are now beat the ones last seen.
            FlagState[] flags = readFlags(start);
            if (flags != null) {
                known = flags[0].on() ? Reason.KILL_SWITCH_ENGAGED : flags[1].on() ? Reason.SAFE_MODE_ENABLED : null;
                source = "read";
            } else {
                known = lastKnown.blocking(System.nanoTime());
            }
        } else {
            known = lastKnown.blocking(System.nanoTime());
        }
        if (known != null) {
            failures.lastKnownBlock();
            throttled.warn(UNDECIDED, "Redis could not decide (" + failure.kind().name().toLowerCase(Locale.ROOT) + "); "
                    + known + " as " + (source.equals("read") ? "read directly" : "last read") + " blocks", error);
            return withoutRedis(intent, known, error, "flags", source);
        }
        FailPolicy policy = config.failPolicy();
        Reason reason = policy.reason();
        boolean capped = policy == FailPolicy.OPEN && !failOpenBudget.tryTake(intent.symbol(), System.nanoTime());
        if (capped) {
            reason = Reason.FAIL_CLOSED_ERROR;
            failures.failOpenCapped();
        }
        throttled.warn(UNDECIDED, "Redis could not decide (" + failure.kind().name().toLowerCase(Locale.ROOT) + "); fail policy "
                + policy.name().toLowerCase(Locale.ROOT) + " answers " + reason
                + (capped ? " (the fail-open cap of this window is used up)" : ""), error);
        return withoutRedis(intent, reason, error, "fail_open_capped", capped);
    }

    private Decision withoutRedis(Intent intent, Reason reason, RuntimeException error, String detail, Object value) {
        failures.decidedWithoutRedis(reason);
        Map<String, Object> meta = DecisionScript.baseMeta(intent, config);
        meta.put("tripped", false);
        meta.put("error", error.getClass().getSimpleName());
        meta.put(detail, value);
        meta.put("kernel_id", config.kernelId());
        return Decision.owning(reason, meta);
    }

    /**
     * The kill switch and SAFE MODE flag read now (one pipelined round trip within what is left of the deadline),
     * by the one flag rule; {@code null} when they cannot be read either.
     */
    private FlagState[] readFlags(long start) {
        if (start + timeoutNanos - System.nanoTime() <= 0) {
            return null;
        }
        try {
            return DecisionDeadline.within(start + timeoutNanos, () -> {
                try (AbstractPipeline pipeline = redis.pipelined()) {
                    Response<String> kill = pipeline.get(schema.killSwitch());
                    Response<String> safe = pipeline.get(schema.safeMode());
                    pipeline.sync();
                    return new FlagState[] {flag(kill), flag(safe)};
                }
            });
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static FlagState flag(Response<String> response) {
        try {
            return FlagState.ofValue(response.get());
        } catch (JedisDataException e) {
            return FlagState.ofWrongType("unknown");
        }
    }

    /** Audited manual operations (SAFE MODE, kill switch) on the same Redis and schema. */
    /**
     * Whether this kernel can decide now: Redis answers and holds the decision script (loaded here when it does not,
     * e.g. after a restart). Empty when ready, else why not, in words for an operator (never a secret). Takes at
     * most the decision timeout. For a service's readiness probe; a decision never waits for it.
     */
    public Optional<String> notReadyBecause() {
        try {
            DecisionDeadline.within(System.nanoTime() + timeoutNanos, () -> {
                DecisionScript.ensureLoaded(redis, schema);
                return null;
            });
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("Redis does not answer or refuses the decision script: " + FailureWords.of(e));
        }
    }

    public SafetyOperations operations() {
        return new SafetyOperations(redis, schema);
    }

    /** What this instance decided without Redis and what went wrong around its decisions; a snapshot. */
    public FailureStats failures() {
        return failures.snapshot();
    }

    /** Publishes this kernel's settings now, on the caller's thread (tests); false when Redis refused or closed. */
    boolean publishSettings() {
        return settings.publish();
    }

    /** How this kernel's settings reached Redis so far; a snapshot. */
    public SettingsPublication settingsPublication() {
        return settings.stats();
    }

    /**
     * Stops publishing this kernel's settings and removes them from Redis (they would expire within a minute anyway).
     * Decisions still work after it; close the kernel before its client.
     */
    @Override
    public void close() {
        settings.close();
    }

    public KernelConfig config() {
        return config;
    }

    public RedisSchema schema() {
        return schema;
    }
}
