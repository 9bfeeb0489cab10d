package quantum.safety.ops.backtest;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import quantum.safety.ops.OpsInputException;

/**
 * {@code --alert} or {@code --set} named an alert the rules do not have. Carries the known names, since a command
 * line may show them in full where its one-line error has no room for them, and suggests the nearest one.
 */
public final class UnknownAlertException extends OpsInputException {

    private final List<String> known;

    public UnknownAlertException(String flag, String name, List<String> known) {
        super(flag + " " + name + ": no such alert in the rules" + suggestion(name, known) + "; known alerts: "
                + String.join(", ", known));
        this.known = List.copyOf(known);
    }

    public List<String> known() {
        return known;
    }

    /** The message without the list: what a command prints when it shows the list on lines of its own. */
    public String withoutList() {
        return getMessage().substring(0, getMessage().indexOf("; known alerts: "));
    }

    private static String suggestion(String name, List<String> known) {
        String lower = name.toLowerCase(Locale.ROOT);
        return known.stream().filter(k -> k.toLowerCase(Locale.ROOT).contains(lower) || lower.contains(
                        k.toLowerCase(Locale.ROOT)))
                .min(Comparator.comparingInt(String::length))
                .map(k -> " (did you mean " + k + "?)").orElse("");
    }
}
