package quantum.safety.state;

import java.time.Duration;
import java.util.Optional;

import quantum.safety.kernel.FailureWords;

/**
 * Whether Redis answered, and how.
 *
 * @param version {@code redis_version} from INFO; "unknown" when INFO is refused
 * @param latency time of the read's first round trip
 * @param error   why Redis could not be read (connection refused, timeout…); never a secret
 */
public record RedisHealth(boolean up, String address, String version, Duration latency, Optional<String> error) {

    public static RedisHealth up(String address, String version, Duration latency) {
        return new RedisHealth(true, address, version, latency, Optional.empty());
    }

    public static RedisHealth down(String address, String error) {
        return new RedisHealth(false, address, "unknown", Duration.ZERO, Optional.of(error));
    }

    /** Down because of {@code failure}, described in one line with its root cause and without anything secret. */
    public static RedisHealth down(String address, RuntimeException failure) {
        return down(address, describe(failure));
    }

    static String describe(RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? FailureWords.of(e) : e.getMessage();
        if (root != e && root.getMessage() != null) {
            message = message + " (" + root.getMessage() + ")";
        } else if (root == e && e.getSuppressed().length > 0) {
            // The Redis client keeps why each connection attempt failed ("Connection refused") as suppressed.
            message = message.replaceFirst("\\.$", "") + " (" + FailureWords.of(e.getSuppressed()[0]) + ")";
        }
        return message.lines().findFirst().orElse(message);
    }
}
