package quantum.safety.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import quantum.safety.exporter.collect.FlagRead;
import quantum.safety.kernel.FlagState;
import quantum.safety.kernel.Reason;
import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;

/** Reads a {@link DemoStatus} from Redis, with the window bucket taken from Redis' clock like the kernel does. */
final class StatusReader {

    private static final int TOP = 3;

    private final UnifiedJedis redis;
    private final RedisSchema schema;
    private final int windowSeconds;

    StatusReader(UnifiedJedis redis, RedisSchema schema, int windowSeconds) {
        this.redis = redis;
        this.schema = schema;
        this.windowSeconds = windowSeconds;
    }

    DemoStatus read() {
        FlagRead safeModeRead;
        FlagRead killRead;
        try (AbstractPipeline pipeline = redis.pipelined()) {
            safeModeRead = FlagRead.queue(pipeline, schema.safeMode());
            killRead = FlagRead.queue(pipeline, schema.killSwitch());
            pipeline.sync();
        }
        // The line itself shows why an odd flag counts as on, so the problem lines are not repeated in a log.
        FlagState safeMode = safeModeRead.state(problem -> { });
        FlagState kill = killRead.state(problem -> { });
        long ttl = safeMode.on() ? redis.ttl(schema.safeMode()) : -1;
        String reason = safeMode.on() ? nullToEmpty(redis.hget(schema.safeModeInfo(), "reason")) : "";
        Map<String, String> raw = redis.hgetAll(schema.decisionCounters());
        Map<String, Long> decisions = new LinkedHashMap<>();
        for (Reason r : Reason.values()) {
            long count = parse(raw.get(r.name()));
            if (count > 0) {
                decisions.put(r.name(), count);
            }
        }
        long faults = parse(redis.hget(schema.kernelTotals(), "trips"));
        long now = redisSeconds();
        List<Map.Entry<String, Long>> top = new ArrayList<>();
        for (Tuple t : redis.zrevrangeWithScores(schema.symbolRanking(now / windowSeconds), 0, TOP - 1)) {
            top.add(Map.entry(t.getElement(), (long) t.getScore()));
        }
        return new DemoStatus(safeMode, ttl, reason, kill, decisions, faults, top);
    }

    /** The kernel buckets by Redis' clock, so the current window is Redis' too (an external Redis may be skewed). */
    private long redisSeconds() {
        Object reply = redis.sendCommand(Protocol.Command.TIME);
        if (reply instanceof List<?> parts && !parts.isEmpty() && parts.get(0) instanceof byte[] seconds) {
            return Long.parseLong(new String(seconds, java.nio.charset.StandardCharsets.US_ASCII));
        }
        return System.currentTimeMillis() / 1000;
    }

    private static long parse(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
