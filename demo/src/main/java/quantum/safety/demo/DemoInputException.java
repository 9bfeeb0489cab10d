package quantum.safety.demo;

/**
 * The operator's input cannot run the demo, found before the flow starts: a listen address that does not parse or
 * is taken, an existing Redis that says LIVE. The message names the input and the fix; the command exits 2 on it.
 */
public class DemoInputException extends RuntimeException {

    public DemoInputException(String message) {
        super(message);
    }
}
