package quantum.safety.exporter.redis;

/** No Redis call was made: the session is backing off after a failure. */
public final class RedisUnavailableException extends RuntimeException {

    public RedisUnavailableException(String message) {
        super(message, null, false, false);
    }
}
