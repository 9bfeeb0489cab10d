package quantum.safety.kernel.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import quantum.safety.kernel.FailureWords;

/**
 * The Redis password, kept out of argv, logs and error messages: it comes from an environment variable or a
 * file, and {@link #toString()} never shows it.
 */
public final class RedisCredentials {

    private static final RedisCredentials NONE = new RedisCredentials(null);

    private final char[] password;

    private RedisCredentials(char[] password) {
        this.password = password;
    }

    public static RedisCredentials none() {
        return NONE;
    }

    public static RedisCredentials ofPassword(String password) {
        return password == null || password.isEmpty() ? NONE : new RedisCredentials(password.toCharArray());
    }

    /**
     * Reads the password from a file (trailing newline removed). The error names the file, never its content.
     */
    public static RedisCredentials fromFile(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return ofPassword(text.strip());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read Redis password file " + file + ": "
                    + FailureWords.of(e) + "; check the path and its permissions");
        }
    }

    public Optional<String> password() {
        return password == null ? Optional.empty() : Optional.of(new String(password));
    }

    public boolean isPresent() {
        return password != null;
    }

    @Override
    public String toString() {
        return password == null ? "RedisCredentials[none]" : "RedisCredentials[password=***]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RedisCredentials other && Arrays.equals(password, other.password);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(password);
    }
}
