package quantum.safety.ops.validate;

/** The verdict of one tool run: the command as run, its exit code and what it printed. */
public record ValidationResult(String command, boolean ok, int exitCode, String output) {

    /** The output on one line, for messages and report evidence. */
    public String summary() {
        return output.strip().replaceAll("\\s*\\n\\s*", " | ");
    }
}
