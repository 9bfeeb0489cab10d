package quantum.safety.cli.ctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;

import quantum.safety.kernel.Text;

/**
 * The JSON every ctl command prints. Besides what JSON requires escaped, every character the kernel refuses in text
 * ({@link Text#forbidden}: DEL, C1 controls, bidirectional controls) is written as {@code \\uXXXX}, so that a hostile
 * value from Redis cannot drive or reorder a terminal that shows the output raw ({@code jq -r}, {@code less}).
 */
final class CtlJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setCharacterEscapes(new TerminalSafe());
    }

    private CtlJson() {
    }

    /** One line of JSON. */
    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the JSON output: " + e.getOriginalMessage(), e);
        }
    }

    private static final class TerminalSafe extends CharacterEscapes {

        private final int[] ascii = standardAsciiEscapesForJSON();

        TerminalSafe() {
            ascii[0x7F] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return Text.forbidden(ch) ? new SerializedString(String.format("\\u%04X", ch)) : null;
        }
    }
}
