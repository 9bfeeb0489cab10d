package quantum.safety.state;

import java.util.Objects;
import java.util.Optional;

/**
 * A string key as found, e.g. the execution mode or the governor gate.
 *
 * @param type     what TYPE answered ({@code none}, {@code string}, {@code hash}…), {@value #UNKNOWN_TYPE} when refused
 * @param value    the value as stored; empty when the key is absent or could not be read
 * @param readable whether GET answered (false for a key of another type, or a refused read)
 */
public record StoredString(String type, Optional<String> value, boolean readable) {

    static final String UNKNOWN_TYPE = "unknown";

    public StoredString {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    /** The value without surrounding white space, empty when absent, blank or unreadable: what people are shown. */
    public Optional<String> text() {
        return value.map(String::strip).filter(s -> !s.isEmpty());
    }

    /** Neither a value nor another type: nothing at the key. */
    public boolean absent() {
        return readable && value.isEmpty();
    }
}
