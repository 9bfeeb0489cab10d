package quantum.safety.exporter.collect;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

import redis.clients.jedis.resps.StreamInfo;

/** Reads {@code entries-added} from an {@code XINFO STREAM} reply (Redis 7.0+). */
final class EntriesAdded {

    private EntriesAdded() {
    }

    static OptionalLong of(StreamInfo info, CollectorOutput out, String key) {
        Object value = info.getStreamInfo().get("entries-added");
        if (value instanceof Number number) {
            return OptionalLong.of(number.longValue());
        }
        if (value instanceof byte[] bytes) {
            try {
                return OptionalLong.of(Long.parseLong(new String(bytes, StandardCharsets.UTF_8)));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        out.problem("XINFO STREAM " + key + " has no readable entries-added");
        return OptionalLong.empty();
    }

    /** XINFO STREAM on a key that does not exist: no entries were ever appended (or the stream was deleted). */
    static boolean isMissingKey(String error) {
        return error.toLowerCase(java.util.Locale.ROOT).contains("no such key");
    }
}
