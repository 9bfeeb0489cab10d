package quantum.safety.state;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;

/**
 * The Redis server's clock. The kernel takes its window buckets from {@code TIME}, so every reader that needs "now"
 * (the current bucket, the last hour of faults) follows the same clock, whatever the reading host's clock says. One
 * TIME travels with each read.
 */
public final class RedisClock {

    private RedisClock() {
    }

    /** Queues {@code TIME} on a pipeline; read the reply with {@link #millis(Object)}. */
    public static Response<Object> queue(AbstractPipeline pipeline) {
        return pipeline.sendCommand(Protocol.Command.TIME, new String[0]);
    }

    /** Unix milliseconds from a {@code TIME} reply ({@code [seconds, microseconds]}); empty when it is not one. */
    public static OptionalLong millis(Object reply) {
        if (reply instanceof List<?> parts && parts.size() >= 2 && parts.get(0) instanceof byte[] seconds
                && parts.get(1) instanceof byte[] micros) {
            try {
                return OptionalLong.of(Long.parseLong(ascii(seconds)) * 1000 + Long.parseLong(ascii(micros)) / 1000);
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
