package quantum.safety.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * What one reader found wrong with the data while it turned replies into a record. An error reply (WRONGTYPE, NOPERM…)
 * becomes a line instead of an exception, so one bad key never ends a whole read. A line names the key and what was
 * wrong, never the value, because the lines are logged and a value could be a secret.
 */
final class Problems {

    /** Garbage can repeat one problem thousands of times; the record keeps the first few distinct lines. */
    static final int MAX_LINES = 50;

    private final List<String> lines = new ArrayList<>();

    void add(String line) {
        if (lines.size() < MAX_LINES && !lines.contains(line)) {
            lines.add(line);
        }
    }

    void addAll(List<String> more) {
        more.forEach(this::add);
    }

    /** True (after noting a problem) when Redis answered this command with an error; then do not call get(). */
    boolean failed(Response<?> response, String what) {
        String error = error(response);
        if (error != null) {
            add(what + ": " + error);
        }
        return error != null;
    }

    /** The reply, or empty when it is null or (after noting a problem) an error. */
    <T> Optional<T> reply(Response<T> response, String what) {
        return failed(response, what) ? Optional.empty() : Optional.ofNullable(response.get());
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** The first line of an error reply, or null when the command succeeded. */
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
