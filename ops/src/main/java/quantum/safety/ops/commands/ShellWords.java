package quantum.safety.ops.commands;

import java.util.regex.Pattern;

/** Quoting for a POSIX shell ({@code sh}, {@code bash}, {@code dash}), so a printed value reaches the command whole. */
public final class ShellWords {

    /** Characters no POSIX shell treats specially anywhere in a word ({@code [} is a glob, so IPv6 literals are quoted). */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellWords() {
    }

    /**
     * The value as one shell word: unchanged when it is plain, else in single quotes, inside which only the single
     * quote itself needs care ({@code it's} becomes {@code 'it'\''s'}). An empty value becomes {@code ''}.
     */
    public static String quote(String value) {
        if (!value.isEmpty() && PLAIN.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** {@code --flag=value} with the value quoted; one word to the shell. */
    public static String flag(String flag, String value) {
        return flag + "=" + quote(value);
    }
}
