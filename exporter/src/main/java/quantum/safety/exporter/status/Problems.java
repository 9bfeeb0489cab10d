package quantum.safety.exporter.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;

/** Collects what was wrong with the data while a status is read: an error reply becomes a line, not an exception. */
final class Problems {

    private final List<String> lines = new ArrayList<>();

    /** The reply, or empty (after noting a problem) when Redis answered with an error such as WRONGTYPE. */
    <T> Optional<T> reply(Response<T> response, String what) {
        try {
            return Optional.ofNullable(response.get());
        } catch (JedisDataException e) {
            add(what + ": " + firstLine(e.getMessage()));
            return Optional.empty();
        }
    }

    /** Whether the command was answered with an error (noting it); {@link #reply} then returns empty. */
    boolean failed(Response<?> response, String what) {
        try {
            response.get();
            return false;
        } catch (JedisDataException e) {
            add(what + ": " + firstLine(e.getMessage()));
            return true;
        }
    }

    void add(String line) {
        if (lines.size() < 50 && !lines.contains(line)) {
            lines.add(line);
        }
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
