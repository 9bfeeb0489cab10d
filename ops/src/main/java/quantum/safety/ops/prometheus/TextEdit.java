package quantum.safety.ops.prometheus;

import java.util.Comparator;
import java.util.List;

/** Replace {@code length} chars at {@code offset} by {@code replacement}; {@code order} keeps same-offset inserts in sequence. */
record TextEdit(int offset, int length, String replacement, int order) {

    /** Applies non-overlapping edits from the end backwards, so earlier offsets stay valid. */
    static String apply(String text, List<TextEdit> edits) {
        StringBuilder out = new StringBuilder(text);
        edits.stream()
                .sorted(Comparator.comparingInt(TextEdit::offset).thenComparingInt(TextEdit::order).reversed())
                .forEach(e -> out.replace(e.offset(), e.offset() + e.length(), e.replacement()));
        return out.toString();
    }
}
