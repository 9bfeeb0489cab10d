package quantum.safety.kernel;

import java.util.List;
import java.util.Locale;

import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Why a decision did not get an answer from Redis, sorted into what the kernel does about it: an outage (the last
 * known state, then the fail policy), a server that refuses writes but may still answer reads, or the kernel's own
 * configuration (always blocked, logged as an error that names the setting to fix).
 *
 * @param kind  the class of failure
 * @param cause for a configuration error, what to fix; otherwise the failure in one line
 */
record RedisFailure(Kind kind, String cause) {

    enum Kind {
        /** Down, timed out, pool exhausted, busy, loading, failing over: nothing answered in time. */
        UNAVAILABLE,
        /** The server answers but refuses writes (OOM, READONLY, MISCONF, NOREPLICAS): the flags may be readable. */
        WRITES_REFUSED,
        /** Credentials, ACL, a refused command or script: retrying will not help, an operator must act. */
        CONFIGURATION
    }

    /**
     * Markers in a Redis error (upper-cased), checked in order; the first rule with a marker the message contains
     * decides. Redis 6.2 wraps an error raised inside a script in "ERR Error running script", so the server-state
     * rules come before the script rule.
     */
    private record Rule(Kind kind, List<String> markers, String hint) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Kind.WRITES_REFUSED, List.of("READONLY", "OOM COMMAND NOT ALLOWED", "MISCONF", "NOREPLICAS"), ""),
            new Rule(Kind.UNAVAILABLE, List.of("BUSY", "LOADING", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN"), ""),
            new Rule(Kind.CONFIGURATION, List.of("WRONGPASS", "INVALID PASSWORD", "INVALID USERNAME-PASSWORD"),
                    "Redis refused the kernel's credentials; check REDIS_PASSWORD (QUANTUM_SAFETY_REDIS_PASSWORD, "
                            + "--redis.password-file) and the user in --redis.addr"),
            new Rule(Kind.CONFIGURATION, List.of("NOAUTH", "UNAUTHENTICATED", "CLIENT SENT AUTH",
                    "WITHOUT ANY PASSWORD CONFIGURED"),
                    "the kernel's password does not match the server's (none sent, or one the server does not "
                            + "expect); set REDIS_PASSWORD (QUANTUM_SAFETY_REDIS_PASSWORD) or --redis.password-file"),
            new Rule(Kind.CONFIGURATION, List.of("NOPERM", "NO PERMISSIONS"),
                    "the Redis ACL user may not run what the kernel needs; grant it +evalsha +script|load +time and "
                            + "the kernel's keys (~<prefix>*), or use another user in --redis.addr"),
            new Rule(Kind.CONFIGURATION, List.of("CROSSSLOT"),
                    "the kernel's keys span several Cluster slots; use a hash-tagged key prefix such as {quantum}:"),
            new Rule(Kind.CONFIGURATION, List.of("DB INDEX IS OUT OF RANGE"),
                    "the database number in --redis.addr does not exist on this server"),
            new Rule(Kind.CONFIGURATION, List.of("UNKNOWN COMMAND"),
                    "the server does not offer a command the kernel needs (EVALSHA, SCRIPT LOAD or TIME renamed or "
                            + "disabled?); Redis 6.2 or later with scripting is required"),
            new Rule(Kind.CONFIGURATION, List.of("NON DETERMINISTIC"),
                    "the server will not replicate the decision script's effects; Redis 6.2 or later is required"),
            new Rule(Kind.CONFIGURATION, List.of("NOSCRIPT", "ERROR COMPILING SCRIPT", "ERROR RUNNING SCRIPT",
                    "USER_SCRIPT", "NOT ALLOWED FROM SCRIPT"),
                    "the server refused the decision script; Redis 6.2 or later with scripting enabled is required"));

    static RedisFailure of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().strip();
            if (t instanceof JedisDataException || t instanceof JedisAccessControlException) {
                String upper = message.toUpperCase(Locale.ROOT);
                for (Rule rule : RULES) {
                    if (rule.markers().stream().anyMatch(upper::contains)) {
                        return rule.kind() == Kind.CONFIGURATION
                                ? new RedisFailure(Kind.CONFIGURATION, rule.hint() + " (Redis said: " + Text.quote(message) + ")")
                                : new RedisFailure(rule.kind(), oneLine(t));
                    }
                }
            }
            if (t instanceof DecisionScript.UnexpectedReply) {
                return new RedisFailure(Kind.CONFIGURATION, "the decision script answered in a way this kernel does "
                        + "not understand (" + message + "); another script under the same name?");
            }
        }
        return new RedisFailure(Kind.UNAVAILABLE, oneLine(error));
    }

    /** The failure in one line: its type and message, which for Redis errors never carry a password. */
    static String oneLine(Throwable cause) {
        String text = cause.getMessage();
        return cause.getClass().getSimpleName() + (text == null ? "" : " " + text.strip().replace('\n', ' '));
    }
}
