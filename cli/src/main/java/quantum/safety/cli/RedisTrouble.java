package quantum.safety.cli;

import java.util.Locale;
import java.util.Optional;

import quantum.safety.exporter.status.StatusFormat;
import quantum.safety.kernel.redis.RedisSetting;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Why a command could not use Redis, in one line that says what is wrong and which setting fixes it: a refused
 * password is "authentication failed" and names where the password came from (never the password), distinct from a
 * Redis that does not answer, which names the address flag.
 */
public final class RedisTrouble {

    private static final String ADDR = RedisSetting.ADDR.flag() + " (env " + RedisSetting.ADDR.env() + ")";
    private static final String PASSWORD_SETTINGS = "env " + RedisSetting.PASSWORD.env() + " (legacy "
            + RedisSetting.PASSWORD.legacyEnv() + ") or " + RedisSetting.PASSWORD_FILE.flag() + " FILE";

    private RedisTrouble() {
    }

    /** The line for a failure that came from the Redis client; empty for any other failure. */
    static Optional<String> of(Throwable failure, RedisOptions redis) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JedisException) {
                return Optional.of(explain(chain(failure), redis));
            }
        }
        return Optional.empty();
    }

    /**
     * One line for what Redis (or the way to it) said, e.g. {@code WRONGPASS …} or {@code Failed to connect to …
     * (Connection refused)}.
     */
    public static String explain(String error, RedisOptions redis) {
        String at = address(redis);
        String upper = error.toUpperCase(Locale.ROOT);
        Optional<String> password = redis.passwordSource();
        if (has(upper, "WRONGPASS", "INVALID PASSWORD")) {
            return "authentication failed: Redis at " + at + " refused the password " + password.map(s -> "from " + s)
                    .orElse("(none given)") + redis.user().map(u -> " for user " + u).orElse("")
                    + "; set the right one in " + password.orElse(PASSWORD_SETTINGS);
        }
        if (has(upper, "NOAUTH", "AUTHENTICATION REQUIRED", "UNAUTHENTICATED")) {
            return "authentication failed: Redis at " + at + " requires a password and none was given; set it in "
                    + PASSWORD_SETTINGS;
        }
        if (has(upper, "WITHOUT ANY PASSWORD CONFIGURED")) {
            return "authentication failed: Redis at " + at + " has no password, but one was given in "
                    + password.orElse("the settings") + "; unset it";
        }
        if (has(upper, "NOPERM")) {
            return "Redis at " + at + " refused a command to the ACL user" + redis.user().map(u -> " " + u).orElse("")
                    + " (" + StatusFormat.oneLine(error, 120) + "); grant the user what the kernel needs or set another "
                    + "with " + RedisSetting.USER.flag() + " (env " + RedisSetting.USER.env() + ")";
        }
        if (has(upper, "REFUSED", "FAILED TO CONNECT", "NAME OR SERVICE NOT KNOWN")) {
            String why = has(upper, "REFUSED") ? "connection refused"
                    : has(upper, "NAME OR SERVICE NOT KNOWN") ? "unknown host" : StatusFormat.oneLine(error, 160);
            return "Redis does not answer at " + at + " (" + why + "); start it, or point " + ADDR + " at it";
        }
        if (has(upper, "TIMED OUT", "TIMEOUT")) {
            return "Redis at " + at + " did not answer in time (" + StatusFormat.oneLine(error, 120) + "); check that "
                    + "it runs and is reachable, or raise " + RedisSetting.TIMEOUT.flag() + " (env "
                    + RedisSetting.TIMEOUT.env() + ")";
        }
        return "Redis at " + at + ": " + StatusFormat.oneLine(error, 200);
    }

    private static boolean has(String upper, String... markers) {
        for (String marker : markers) {
            if (upper.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The messages along a failure's causes, joined: the Redis client keeps "Failed to connect" and why ("Connection
     * refused", as a suppressed exception) apart.
     */
    private static String chain(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            append(text, t);
            for (Throwable suppressed : t.getSuppressed()) {
                append(text, suppressed);
            }
        }
        return text.length() == 0 ? "no answer" : text.toString();
    }

    private static void append(StringBuilder text, Throwable t) {
        String message = ExitCodes.clean(t.getMessage()).replaceAll("\\.$", "");
        if (!message.isEmpty() && text.indexOf(message) < 0) {
            text.append(text.length() == 0 ? "" : ": ").append(message);
        }
    }

    private static String address(RedisOptions redis) {
        try {
            return redis.endpoint().toString();
        } catch (UsageException e) {
            return "the configured address";
        }
    }
}
