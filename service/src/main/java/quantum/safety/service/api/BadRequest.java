package quantum.safety.service.api;

/** Input the service refuses with 400: the message is one line for the caller, naming the field and what it expects. */
public final class BadRequest extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadRequest(String message) {
        super(message, null, false, false);
    }
}
