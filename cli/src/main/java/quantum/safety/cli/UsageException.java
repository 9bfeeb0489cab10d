package quantum.safety.cli;

/**
 * Bad input from the operator (a flag, a file, an address): exit code 2 and one line naming the input and the fix.
 * The only exception, besides picocli's {@code ParameterException}, that exits 2 (see {@link ExitCodes}).
 */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }

    /** A library's refusal of the operator's input ({@code cause}), converted where the command passed it on. */
    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
