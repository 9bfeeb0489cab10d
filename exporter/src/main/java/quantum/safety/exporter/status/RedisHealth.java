package quantum.safety.exporter.status;

import java.time.Duration;
import java.util.Optional;

/**
 * Whether Redis answered, and how.
 *
 * @param version     {@code redis_version} from INFO; "unknown" when INFO is refused
 * @param latency     time of one PING round trip
 * @param error       why Redis could not be read (connection refused, timeout…); never a secret
 */
public record RedisHealth(boolean up, String address, String version, Duration latency, Optional<String> error) {

    public static RedisHealth down(String address, String error) {
        return new RedisHealth(false, address, "unknown", Duration.ZERO, Optional.of(error));
    }
}
