package quantum.safety.exporter.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Supplier;

import quantum.safety.exporter.collect.Deadline;
import quantum.safety.exporter.collect.FlagRead;
import quantum.safety.exporter.redis.RedisFeatures;
import quantum.safety.kernel.FlagState;
import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Reads a {@link SafetyStatus} in two pipelined round trips: PING, TIME and INFO first (latency, version, and
 * Redis' clock, which decides the current bucket and the last hour), then every key at once. Only a stream longer
 * than one page in the last hour or a legacy SCAN fallback costs more round trips, bounded by the budget. On Redis
 * Cluster PING, TIME and INFO go one by one to any node, since a cluster pipeline only takes commands with keys.
 *
 * <p>Works on any {@link UnifiedJedis}; no exporter needs to run. A connection failure gives an
 * {@link SafetyStatus#unreachable unreachable} status, never an exception; bad data gives problems.
 */
public final class SafetyStatusReader {

    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(2);

    private final UnifiedJedis redis;
    private final RedisSchema schema;
    private final StatusLimits limits;
    private final String address;
    private final Duration budget;
    private final Clock clock;

    public SafetyStatusReader(UnifiedJedis redis, RedisSchema schema, StatusLimits limits, String address) {
        this(redis, schema, limits, address, DEFAULT_BUDGET, Clock.systemUTC());
    }

    public SafetyStatusReader(UnifiedJedis redis, RedisSchema schema, StatusLimits limits, String address,
                              Duration budget, Clock clock) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.address = Objects.requireNonNull(address, "address");
        this.budget = budget;
        this.clock = clock;
    }

    public SafetyStatus read() {
        try {
            return readOrThrow();
        } catch (JedisException e) {
            return SafetyStatus.unreachable(clock.instant(), RedisHealth.down(address, describe(e)));
        }
    }

    /**
     * Only the current and previous rate windows, in two round trips (TIME, then both windows), for a refreshing
     * display. Connection failures throw a Jedis exception: the caller decides how to show them.
     */
    public RateWindows readRates() {
        Deadline deadline = Deadline.after(budget);
        Problems problems = new Problems();
        long nowMillis = serverMillis(keyless(Protocol.Command.TIME), problems);
        long bucket = RedisSchema.bucket(Math.floorDiv(nowMillis, 1000L), limits.windowSeconds());
        RateWindowReader current;
        RateWindowReader previous;
        try (AbstractPipeline pipeline = redis.pipelined()) {
            current = new RateWindowReader(pipeline, schema, limits, bucket);
            previous = new RateWindowReader(pipeline, schema, limits, bucket - 1);
            pipeline.sync();
        }
        return new RateWindows(Instant.ofEpochMilli(nowMillis), current.finish(redis, deadline, problems),
                previous.finish(redis, deadline, problems), problems.lines());
    }

    private SafetyStatus readOrThrow() {
        Deadline deadline = Deadline.after(budget);
        Problems problems = new Problems();
        Supplier<Object> ping;
        Supplier<Object> time;
        Supplier<Object> info;
        long started = System.nanoTime();
        if (redis instanceof JedisCluster) {
            ping = keyless(Protocol.Command.PING);
            time = keyless(Protocol.Command.TIME);
            info = keyless(Protocol.Command.INFO, "server");
        } else {
            try (AbstractPipeline pipeline = redis.pipelined()) {
                ping = pipeline.sendCommand(Protocol.Command.PING, new String[0])::get;
                time = pipeline.sendCommand(Protocol.Command.TIME, new String[0])::get;
                info = pipeline.sendCommand(Protocol.Command.INFO, "server")::get;
                pipeline.sync();
            }
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        try {
            ping.get();
        } catch (JedisDataException e) {
            // NOAUTH, NOPERM, LOADING…: nothing else will be readable either.
            return SafetyStatus.unreachable(clock.instant(), RedisHealth.down(address, "PING refused: "
                    + e.getMessage().lines().findFirst().orElse("error")));
        }
        long nowMillis = serverMillis(time, problems);
        String version = version(info);

        long nowSeconds = Math.floorDiv(nowMillis, 1000L);
        long bucket = RedisSchema.bucket(nowSeconds, limits.windowSeconds());
        FlagRead flag;
        Response<Long> ttl;
        Response<Map<String, String>> modeInfo;
        FlagRead kill;
        Response<String> mode;
        Response<String> governor;
        Response<Map<String, String>> decisions;
        RateWindowReader current;
        RateWindowReader previous;
        FaultStreamReader faults;
        try (AbstractPipeline pipeline = redis.pipelined()) {
            flag = FlagRead.queue(pipeline, schema.safeMode());
            ttl = pipeline.ttl(schema.safeMode());
            modeInfo = pipeline.hgetAll(schema.safeModeInfo());
            kill = FlagRead.queue(pipeline, schema.killSwitch());
            mode = pipeline.get(schema.executionMode());
            governor = pipeline.get(schema.governorGate());
            decisions = pipeline.hgetAll(schema.decisionCounters());
            current = new RateWindowReader(pipeline, schema, limits, bucket);
            previous = new RateWindowReader(pipeline, schema, limits, bucket - 1);
            faults = new FaultStreamReader(pipeline, schema.faultStream(), nowMillis, limits.lastFaults());
            pipeline.sync();
        }
        SafeModeState safeMode = safeMode(flag, ttl, modeInfo, problems);
        FlagState killSwitch = kill.state(problems::add);
        Optional<String> executionMode = text(mode, schema.executionMode(), problems);
        Optional<String> gate = text(governor, schema.governorGate(), problems);
        Map<String, Long> byReason = decisions(decisions, problems);
        RateWindow now = current.finish(redis, deadline, problems);
        RateWindow before = previous.finish(redis, deadline, problems);
        FaultSummary summary = faults.finish(redis, deadline, limits.lastFaults(), problems);
        return new SafetyStatus(Instant.ofEpochMilli(nowMillis),
                new RedisHealth(true, address, version, latency, Optional.empty()), safeMode, killSwitch,
                executionMode, gate, now, before, summary, byReason, problems.lines());
    }

    private SafeModeState safeMode(FlagRead flag, Response<Long> ttl, Response<Map<String, String>> info,
                                   Problems problems) {
        FlagState value = flag.state(problems::add);
        long seconds = ttl.get();
        OptionalLong left = value.on() && seconds >= 0 ? OptionalLong.of(seconds) : OptionalLong.empty();
        Map<String, String> fields = problems.reply(info, "HGETALL " + schema.safeModeInfo()).orElse(Map.of());
        return new SafeModeState(value, left, value.on() ? fields : Map.of());
    }

    private static Optional<String> text(Response<String> response, String key, Problems problems) {
        return problems.reply(response, "GET " + key).map(String::strip).filter(s -> !s.isEmpty());
    }

    private Map<String, Long> decisions(Response<Map<String, String>> response, Problems problems) {
        Map<String, Long> byReason = new TreeMap<>();
        String key = schema.decisionCounters();
        problems.reply(response, "HGETALL " + key).ifPresent(fields -> new TreeMap<>(fields).forEach((reason, value) -> {
            if (byReason.size() < 32) {
                Numbers.count(value, key + " field " + reason, problems).ifPresent(n -> byReason.put(reason, n));
            }
        }));
        return byReason;
    }

    /**
     * A command without a key, sent on its own: a Redis Cluster pipeline routes each command by its key and refuses
     * keyless ones, while a plain call goes to any node. An error reply is kept to be thrown when the reply is read,
     * as a pipeline's {@link Response} does.
     */
    private Supplier<Object> keyless(Protocol.Command command, String... args) {
        try {
            Object reply = redis.sendCommand(command, args);
            return () -> reply;
        } catch (JedisDataException e) {
            return () -> {
                throw e;
            };
        }
    }

    private long serverMillis(Supplier<Object> time, Problems problems) {
        try {
            @SuppressWarnings("unchecked")
            List<byte[]> parts = (List<byte[]>) time.get();
            long seconds = Long.parseLong(new String(parts.get(0), StandardCharsets.US_ASCII));
            long micros = Long.parseLong(new String(parts.get(1), StandardCharsets.US_ASCII));
            return seconds * 1000 + micros / 1000;
        } catch (JedisDataException | ClassCastException | IndexOutOfBoundsException | NumberFormatException e) {
            problems.add("Redis TIME is not available; using the local clock for the current window");
            return clock.millis();
        }
    }

    private static String version(Supplier<Object> info) {
        try {
            return RedisFeatures.fromInfo(new String((byte[]) info.get(), StandardCharsets.UTF_8)).version();
        } catch (JedisDataException | ClassCastException e) {
            return "unknown";
        }
    }

    /** One line about why Redis could not be read, without anything that could be a secret. */
    static String describe(JedisException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (root != e && root.getMessage() != null) {
            message = message + " (" + root.getMessage() + ")";
        }
        return message.lines().findFirst().orElse(message);
    }
}
