package quantum.safety.ops;

/**
 * Bad input from the operator (a flag, a file, a directory, an address), found before anything changed: the command
 * exits with code 2 and prints this one line, which names the input and the fix.
 */
public class OpsInputException extends IllegalArgumentException {

    public OpsInputException(String message) {
        super(message);
    }
}
