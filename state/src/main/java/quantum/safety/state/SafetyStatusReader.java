package quantum.safety.state;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Supplier;

import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Reads a {@link SafetyStatus} on its own, for tools without an exporter ({@code ctl}, {@code doctor}, the demo): PING,
 * TIME, INFO and the kernels' published settings first (latency, version, Redis' clock, which decides the current
 * bucket and the last hour, and the window the kernels count in), then one {@link StateRead}. Only a last hour longer
 * than one page or the legacy counter scan costs more round trips, bounded by the budget. On Redis Cluster PING, TIME
 * and INFO go one by one to any node, since a cluster pipeline only takes commands with keys (the kernels' settings
 * then take a round trip of their own).
 *
 * <p>A connection failure gives an {@link SafetyStatus#unreachable unreachable} status, never an exception; bad data
 * gives problems.
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

    /** @param clock only for when Redis refuses TIME */
    public SafetyStatusReader(UnifiedJedis redis, RedisSchema schema, StatusLimits limits, String address,
                              Duration budget, Clock clock) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.address = Objects.requireNonNull(address, "address");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public SafetyStatus read() {
        try {
            return readOrThrow();
        } catch (JedisException e) {
            return SafetyStatus.unreachable(clock.instant(), RedisHealth.down(address, e), limits);
        }
    }

    /**
     * Only the current and previous rate windows, in two round trips (TIME and the kernels' settings, then both
     * windows in the kernels' window), for a refreshing display. Connection failures throw a Jedis exception: the
     * caller decides how to show them.
     */
    public RateWindows readRates() {
        ReadBudget readBudget = ReadBudget.of(budget);
        Problems problems = new Problems();
        long nowMillis = serverMillis(keyless(Protocol.Command.TIME), problems);
        LiveKernels kernels = kernels(nowMillis);
        StatusLimits shown = kernels.limits(limits);
        RateWindowsRead windows;
        try (AbstractPipeline pipeline = redis.pipelined()) {
            windows = RateWindowsRead.queue(pipeline, schema, nowMillis, shown.windowSeconds(), shown.topSymbols());
            pipeline.sync();
        }
        problems.addAll(kernels.problems());
        return new RateWindows(Instant.ofEpochMilli(nowMillis), shown, windows.current(redis, readBudget),
                windows.previous(redis, readBudget), problems.lines(), kernels);
    }

    /** The kernels' settings on their own round trip, where the first one cannot carry them (Cluster, readRates). */
    private LiveKernels kernels(long nowMillis) {
        LiveKernelsReader reader;
        try (AbstractPipeline pipeline = redis.pipelined()) {
            reader = LiveKernelsReader.queue(pipeline, schema);
            pipeline.sync();
        }
        return reader.finish(nowMillis);
    }

    private SafetyStatus readOrThrow() {
        ReadBudget readBudget = ReadBudget.of(budget);
        Problems problems = new Problems();
        Supplier<Object> ping;
        Supplier<Object> time;
        Supplier<Object> info;
        LiveKernelsReader kernels = null;
        long started = System.nanoTime();
        if (redis instanceof JedisCluster) {
            ping = keyless(Protocol.Command.PING);
            time = keyless(Protocol.Command.TIME);
            info = keyless(Protocol.Command.INFO, "server");
        } else {
            try (AbstractPipeline pipeline = redis.pipelined()) {
                ping = pipeline.sendCommand(Protocol.Command.PING, new String[0])::get;
                time = RedisClock.queue(pipeline)::get;
                info = pipeline.sendCommand(Protocol.Command.INFO, "server")::get;
                kernels = LiveKernelsReader.queue(pipeline, schema);
                pipeline.sync();
            }
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        try {
            ping.get();
        } catch (JedisDataException e) {
            // NOAUTH, NOPERM, LOADING…: nothing else will be readable either.
            return SafetyStatus.unreachable(clock.instant(), RedisHealth.down(address, "PING refused: "
                    + Problems.firstLine(e.getMessage())), limits);
        }
        long nowMillis = serverMillis(time, problems);
        RedisFeatures features = features(info);
        // The window the kernels count in decides the buckets; StateRead reads the settings again with the records.
        LiveKernels published = kernels != null ? kernels.finish(nowMillis) : kernels(nowMillis);
        StatusLimits inUse = published.limits(limits);
        StateRead read;
        try (AbstractPipeline pipeline = redis.pipelined()) {
            read = StateRead.queue(pipeline, StateQuery.of(schema, nowMillis, inUse, features.entriesAdded()), redis,
                    readBudget);
            pipeline.sync();
        }
        return SafetyStatus.of(Instant.ofEpochMilli(nowMillis), RedisHealth.up(address, features.version(), latency),
                limits, read, problems.lines());
    }

    /**
     * A command without a key, sent on its own: a Redis Cluster pipeline routes each command by its key and refuses
     * keyless ones, while a plain call goes to any node. An error reply is kept to be thrown when the reply is read,
     * as a pipeline's response does.
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
        OptionalLong millis;
        try {
            millis = RedisClock.millis(time.get());
        } catch (JedisDataException e) {
            millis = OptionalLong.empty();
        }
        if (millis.isEmpty()) {
            problems.add("Redis TIME is not available; using the local clock for the current window");
        }
        return millis.orElseGet(clock::millis);
    }

    private static RedisFeatures features(Supplier<Object> info) {
        try {
            return RedisFeatures.fromInfo(new String((byte[]) info.get(), StandardCharsets.UTF_8));
        } catch (JedisDataException | ClassCastException e) {
            return RedisFeatures.unknown();
        }
    }
}
