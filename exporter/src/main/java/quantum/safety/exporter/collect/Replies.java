package quantum.safety.exporter.collect;

import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Reads pipeline replies so that an error reply (WRONGTYPE, NOPERM, …) becomes a problem of one collector instead of
 * an exception that would end the whole collection.
 */
final class Replies {

    private Replies() {
    }

    /** True (after recording a problem) when Redis answered this command with an error; then do not call get(). */
    static boolean failed(Response<?> response, CollectorOutput out, String what) {
        try {
            response.get();
            return false;
        } catch (JedisDataException e) {
            out.problem(what + ": " + firstLine(e.getMessage()));
            return true;
        }
    }

    /** The error text of an error reply, or null when the command succeeded. */
    static String error(Response<?> response) {
        try {
            response.get();
            return null;
        } catch (JedisDataException e) {
            return firstLine(e.getMessage());
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
