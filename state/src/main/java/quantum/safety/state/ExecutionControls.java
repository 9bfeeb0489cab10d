package quantum.safety.state;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import quantum.safety.kernel.FlagState;

/**
 * The execution controls operators set by hand: the kill switch {@code kill}, the execution mode {@code mode}
 * (TESTNET or LIVE) and the governor gate {@code governor:execution} (ENABLED or DISABLED).
 *
 * @param killSwitch the kill switch as the kernel reads it: engaged for anything but absent or {@code "0"}
 * @param problems   what was wrong with the data (an unclear kill switch, a key of another type, a governor that says
 *                   neither ENABLED nor DISABLED)
 */
public record ExecutionControls(FlagState killSwitch, StoredString mode, StoredString governor, List<String> problems) {

    public ExecutionControls {
        Objects.requireNonNull(killSwitch, "killSwitch");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(governor, "governor");
        problems = List.copyOf(problems);
    }

    /**
     * Whether the governor gate is on: true for ENABLED, false for DISABLED or unset (any case, white space ignored);
     * empty when the gate could not be read or says something else.
     */
    public Optional<Boolean> governorEnabled() {
        if (!governor.readable()) {
            return Optional.empty();
        }
        String text = governor.value().map(v -> v.trim().toUpperCase(Locale.ROOT)).orElse("");
        return switch (text) {
            case "ENABLED" -> Optional.of(true);
            case "", "DISABLED" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
