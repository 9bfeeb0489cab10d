package quantum.safety.cli;

/** Bad input from the operator (a flag, a file, an address): exit code 2 and one line naming the input and the fix. */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
