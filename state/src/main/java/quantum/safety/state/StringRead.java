package quantum.safety.state;

import java.util.Optional;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/**
 * TYPE and GET of one string key, queued together: the read costs no extra round trip, and a key of another type is
 * known as such ("a hash") instead of only as a WRONGTYPE error.
 */
record StringRead(String key, Response<String> type, Response<String> value) {

    static StringRead queue(AbstractPipeline pipeline, String key) {
        return new StringRead(key, pipeline.type(key), pipeline.get(key));
    }

    /** The type TYPE answered, or null (after noting a problem) when it was refused. */
    String seenType(Problems problems) {
        return problems.failed(type, "TYPE " + key) ? null : type.get();
    }

    /** The error GET answered (WRONGTYPE for a key of another type), or null when it answered a value. */
    String valueError() {
        return Problems.error(value);
    }

    /** GET's reply; only when {@link #valueError()} is null. */
    String valueReply() {
        return value.get();
    }

    /** The key as a {@link StoredString}; a GET error is a problem. */
    StoredString finish(Problems problems) {
        String seenType = seenType(problems);
        String known = seenType == null ? StoredString.UNKNOWN_TYPE : seenType;
        if (problems.failed(value, "GET " + key)) {
            return new StoredString(known, Optional.empty(), false);
        }
        return new StoredString(known, Optional.ofNullable(value.get()), true);
    }
}
