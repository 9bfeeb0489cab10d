package quantum.safety.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * The settings one kernel decides with, as it publishes them in {@link RedisSchema#kernelSettings()} (field = kernel
 * id), so that every reader shows the limits really in use instead of guessing them from its own environment, and so
 * that kernels sharing one Redis with different limits are seen.
 *
 * <p>The value is one line of {@code name=value} pairs separated by spaces, readable with {@code HGETALL}:
 * {@code window_sec=5 global_max=30 symbol_max=10 … version=0.1.0 published_at=1768784108 expires_at=1768784168}. The
 * names are those of the fault event where both have the field. The publishing script appends the two times, from
 * the Redis server's clock. Readers ignore names they do not know, so a later version may add some.
 *
 * @param maxCooldownSeconds the cap of an escalating cooldown; 0 when the cooldown does not escalate
 * @param failPolicy         {@code closed} or {@code open}
 * @param reduceOnly         {@code allow} or {@code block}: whether reduce-only intents pass SAFE MODE
 * @param publishedAt        unix seconds (server clock) of the publication; 0 before it is published
 * @param expiresAt          unix seconds (server clock) after which readers ignore the entry; 0 before it is published
 */
public record PublishedSettings(String kernelId, String version, int windowSeconds, int globalMax, int symbolMax,
                                int reduceOnlySymbolMax, int reduceOnlyGlobalMax, String reduceOnly,
                                int cooldownSeconds, int maxCooldownSeconds, boolean latchedTrips, String failPolicy,
                                long publishedAt, long expiresAt) {

    /** The version of this kernel library, from its jar ({@code unknown} when the resource is missing). */
    public static final String LIBRARY_VERSION = libraryVersion();

    public PublishedSettings {
        Objects.requireNonNull(kernelId, "kernelId");
        version = token(Objects.requireNonNull(version, "version"));
        Objects.requireNonNull(reduceOnly, "reduceOnly");
        Objects.requireNonNull(failPolicy, "failPolicy");
    }

    /** What a kernel with {@code config} publishes; the times are set by the publishing script. */
    public static PublishedSettings of(KernelConfig config) {
        return new PublishedSettings(config.kernelId(), LIBRARY_VERSION, config.windowSeconds(), config.globalMax(),
                config.symbolMax(), config.reduceOnlySymbolMax(), config.reduceOnlyGlobalMax(),
                config.reduceOnlyPassesSafeMode() ? "allow" : "block", config.cooldownSeconds(),
                config.escalateCooldown() ? config.maxCooldownSeconds() : 0, config.latchedTrips(),
                config.failPolicy().name().toLowerCase(Locale.ROOT), 0, 0);
    }

    /** The hash value without the two times, which the publishing script appends. */
    public String encode() {
        StringJoiner line = new StringJoiner(" ");
        line.add("window_sec=" + windowSeconds).add("global_max=" + globalMax).add("symbol_max=" + symbolMax)
                .add("reduce_only=" + reduceOnly).add("reduce_only_symbol_max=" + reduceOnlySymbolMax)
                .add("reduce_only_global_max=" + reduceOnlyGlobalMax).add("cooldown_sec=" + cooldownSeconds)
                .add("max_cooldown_sec=" + maxCooldownSeconds).add("latched=" + (latchedTrips ? 1 : 0))
                .add("fail_policy=" + failPolicy).add("version=" + version);
        return line.toString();
    }

    /**
     * Reads one published entry. Throws {@link IllegalArgumentException} naming the first field that is missing or
     * not what a kernel writes (never quoting the value: readers log these lines).
     */
    public static PublishedSettings parse(String kernelId, String text) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : (text == null ? "" : text).trim().split(" +")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return new PublishedSettings(kernelId, fields.getOrDefault("version", "unknown"),
                count(fields, "window_sec", 1), count(fields, "global_max", 1), count(fields, "symbol_max", 1),
                count(fields, "reduce_only_symbol_max", 0), count(fields, "reduce_only_global_max", 0),
                word(fields, "reduce_only", "allow", "block"), count(fields, "cooldown_sec", 0),
                count(fields, "max_cooldown_sec", 0), count(fields, "latched", 0) == 1,
                word(fields, "fail_policy", "closed", "open"), time(fields, "published_at"), time(fields, "expires_at"));
    }

    /** Whether two kernels count the same windows against the same limits (what the drift alert compares). */
    public boolean sameLimits(PublishedSettings other) {
        return windowSeconds == other.windowSeconds && globalMax == other.globalMax && symbolMax == other.symbolMax
                && reduceOnlySymbolMax == other.reduceOnlySymbolMax && reduceOnlyGlobalMax == other.reduceOnlyGlobalMax;
    }

    private static int count(Map<String, String> fields, String name, int min) {
        long n = number(fields, name);
        if (n < min || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("field " + name + " is out of range");
        }
        return (int) n;
    }

    private static long time(Map<String, String> fields, String name) {
        return number(fields, name);
    }

    private static long number(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("field " + name + " is missing");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field " + name + " is not a whole number");
        }
    }

    private static String word(Map<String, String> fields, String name, String... allowed) {
        String value = fields.get(name);
        for (String word : allowed) {
            if (word.equals(value)) {
                return word;
            }
        }
        throw new IllegalArgumentException("field " + name + " is not one of " + String.join(", ", allowed));
    }

    /** One token of the line: no space or '=' may end up inside a value. */
    private static String token(String text) {
        String cleaned = text.replaceAll("[^A-Za-z0-9._+-]", "_");
        return cleaned.isEmpty() ? "unknown" : cleaned.substring(0, Math.min(64, cleaned.length()));
    }

    private static String libraryVersion() {
        Properties props = new Properties();
        try (InputStream in = PublishedSettings.class.getResourceAsStream("kernel.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource is an unknown version, never a reason to refuse a kernel
        }
        String version = props.getProperty("version", "");
        return version.isBlank() || version.startsWith("${") ? "unknown" : version.trim();
    }
}
