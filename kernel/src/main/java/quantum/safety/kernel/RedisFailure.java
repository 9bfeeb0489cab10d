package quantum.safety.kernel;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import quantum.safety.kernel.log.RateLimitedLog;
import quantum.safety.kernel.redis.RedisSetting;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Why a decision did not get an answer from Redis, sorted into what the kernel does about it: an outage (the last
 * known state, then the fail policy), a server that refuses writes but may still answer reads, or everything else
 * the server answered with — the kernel's configuration, a refused command or script, data it cannot use — which
 * always blocks and is logged as an error naming the setting to fix.
 *
 * <p>An error reply is an outage only when its code says so ({@code BUSY}, {@code LOADING}…): the server did answer,
 * so an error the kernel does not know is not a reason to let intents through.
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
        /** Credentials, ACL, a refused command or script, anything else the server said: an operator must act. */
        CONFIGURATION
    }

    private static final Set<String> OUTAGE_CODES = Set.of("BUSY", "LOADING", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN");
    private static final Set<String> WRITES_REFUSED_CODES = Set.of("READONLY", "OOM", "MISCONF", "NOREPLICAS");

    /**
     * Redis 6.2 wraps an error raised inside a script as {@code ERR Error running script (call to f_…):
     * @user_script:N: @user_script: N: -CODE …} (or without the second part); the original code follows.
     */
    private static final Pattern SCRIPT_WRAPPER = Pattern.compile(
            "^ERR Error running script \\(call to [^)]*\\): @user_script:\\d+:\\s*(?:@user_script:\\s*\\d+:\\s*)?-?(.*)$",
            Pattern.DOTALL);

    /** What to fix, by a marker in the (upper-cased) error text; the first match wins. */
    private record Hint(List<String> markers, String text) {
    }

    private static final List<Hint> HINTS = List.of(
            new Hint(List.of("WRONGPASS", "INVALID PASSWORD", "INVALID USERNAME-PASSWORD"),
                    "Redis refused the kernel's credentials; check " + RedisSetting.PASSWORD.legacyEnv() + " ("
                            + RedisSetting.PASSWORD.env() + ", " + RedisSetting.PASSWORD_FILE.flag()
                            + ") and the user in " + RedisSetting.ADDR.flag()),
            new Hint(List.of("NOAUTH", "UNAUTHENTICATED", "CLIENT SENT AUTH", "WITHOUT ANY PASSWORD CONFIGURED"),
                    "the kernel's password does not match the server's (none sent, or one the server does not "
                            + "expect); set " + RedisSetting.PASSWORD.legacyEnv() + " (" + RedisSetting.PASSWORD.env() + ") or "
                            + RedisSetting.PASSWORD_FILE.flag()),
            new Hint(List.of("NOPERM", "NO PERMISSIONS", "CAN'T ACCESS", "CAN'T RUN THIS COMMAND", "ACL FAILURE"),
                    "the Redis ACL user may not run what the kernel needs; grant it +evalsha +eval +time +incr +decr "
                            + "+expire +get +ttl +set +del +hset +hincrby +zincrby +xadd +type and the kernel's keys "
                            + "(~<prefix>*), or use another user in --redis.addr"),
            new Hint(List.of("CROSSSLOT", "MOVED"),
                    "the kernel's keys are on Redis Cluster: use a redis+cluster:// address and a hash-tagged key "
                            + "prefix such as {quantum}:"),
            new Hint(List.of("DB INDEX IS OUT OF RANGE"),
                    "the database number in --redis.addr does not exist on this server"),
            new Hint(List.of("UNKNOWN COMMAND"),
                    "the server does not offer a command the kernel needs (EVALSHA, EVAL or TIME renamed or "
                            + "disabled?); Redis 6.2 or later with scripting is required"),
            new Hint(List.of("NON DETERMINISTIC"),
                    "the server will not replicate the decision script's effects; Redis 6.2 or later is required"),
            new Hint(List.of("ERROR COMPILING SCRIPT", "NOT ALLOWED FROM SCRIPT"),
                    "the server refused the decision script; Redis 6.2 or later with scripting enabled is required"),
            new Hint(List.of("QUANTUM-SAFETY", "USER_SCRIPT", "ERROR RUNNING SCRIPT"),
                    "the decision script failed on what it found in Redis or on a command the server refused"));

    static RedisFailure of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().strip();
            if (t instanceof JedisDataException || t instanceof JedisAccessControlException) {
                String code = code(message);
                if (OUTAGE_CODES.contains(code)) {
                    return new RedisFailure(Kind.UNAVAILABLE, RateLimitedLog.describe(t));
                }
                if (WRITES_REFUSED_CODES.contains(code)) {
                    return new RedisFailure(Kind.WRITES_REFUSED, RateLimitedLog.describe(t));
                }
                return new RedisFailure(Kind.CONFIGURATION, hint(message) + " (Redis said: " + Text.quote(message) + ")");
            }
            if (t instanceof DecisionScript.UnexpectedReply) {
                return new RedisFailure(Kind.CONFIGURATION, "the decision script answered in a way this kernel does "
                        + "not understand (" + message + "); another script under the same name?");
            }
        }
        return new RedisFailure(Kind.UNAVAILABLE, RateLimitedLog.describe(error));
    }

    /** The error code: the first word of the reply, or of the error a script's wrapper carries. */
    static String code(String message) {
        Matcher wrapped = SCRIPT_WRAPPER.matcher(message);
        String text = wrapped.matches() ? wrapped.group(1).strip() : message;
        int end = 0;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return text.substring(0, end).toUpperCase(Locale.ROOT);
    }

    private static String hint(String message) {
        String upper = message.toUpperCase(Locale.ROOT);
        for (Hint hint : HINTS) {
            if (hint.markers().stream().anyMatch(upper::contains)) {
                return hint.text();
            }
        }
        return "Redis answered with an error the kernel does not expect";
    }
}
