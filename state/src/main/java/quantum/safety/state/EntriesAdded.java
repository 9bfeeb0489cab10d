package quantum.safety.state;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

import redis.clients.jedis.Response;
import redis.clients.jedis.resps.StreamInfo;

/** Reads {@code entries-added} from an {@code XINFO STREAM} reply (Redis 7.0+). */
final class EntriesAdded {

    private EntriesAdded() {
    }

    /** The stream's total from an XINFO STREAM reply: a missing stream has had none, an error reply is a problem. */
    static StreamTotal total(Response<StreamInfo> info, String key, Problems problems) {
        String error = Problems.error(info);
        if (error == null) {
            OptionalLong added = of(info.get(), problems, key);
            return added.isPresent() ? StreamTotal.of(StreamTotal.Source.ENTRIES_ADDED, added.getAsLong())
                    : StreamTotal.UNREADABLE;
        }
        if (isMissingKey(error)) {
            return StreamTotal.of(StreamTotal.Source.ENTRIES_ADDED, 0);
        }
        problems.add("XINFO STREAM " + key + ": " + error);
        return StreamTotal.UNREADABLE;
    }

    private static OptionalLong of(StreamInfo info, Problems problems, String key) {
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
        problems.add("XINFO STREAM " + key + " has no readable entries-added");
        return OptionalLong.empty();
    }

    /** XINFO STREAM on a key that does not exist: no entries were ever appended (or the stream was deleted). */
    private static boolean isMissingKey(String error) {
        return error.toLowerCase(java.util.Locale.ROOT).contains("no such key");
    }
}
