package quantum.safety.state;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

import quantum.safety.kernel.FlagState;

/**
 * SAFE MODE: the flag, its TTL and the {@code safety:safe_mode:info} hash (who set it, why, when, how).
 *
 * @param flag       the flag as the kernel reads it: on for anything but absent or {@code "0"}
 * @param ttlSeconds seconds until the flag expires; -1 when it has no expiry or is absent (TTL's -1 and -2); empty
 *                   when TTL could not be read
 * @param info       the info hash as stored, also when SAFE MODE is off (then it is stale); empty when absent or
 *                   unreadable
 * @param problems   what was wrong with the data
 */
public record SafeModeState(FlagState flag, OptionalLong ttlSeconds, Map<String, String> info, List<String> problems) {

    public SafeModeState {
        Objects.requireNonNull(flag, "flag");
        Objects.requireNonNull(ttlSeconds, "ttlSeconds");
        info = Map.copyOf(info);
        problems = List.copyOf(problems);
    }

    /** On without a TTL: stays on until an operator clears it (latched by the kernel, or set by hand). */
    public boolean latched() {
        return flag.on() && ttlSeconds.isPresent() && ttlSeconds.getAsLong() < 0;
    }

    /** Seconds of cooldown left while SAFE MODE is on with a TTL; empty otherwise. */
    public OptionalLong secondsLeft() {
        return flag.on() && ttlSeconds.isPresent() && ttlSeconds.getAsLong() >= 0 ? ttlSeconds : OptionalLong.empty();
    }

    /** The info hash while SAFE MODE is on; empty when it is off, since the hash then describes a past SAFE MODE. */
    public Map<String, String> activeInfo() {
        return flag.on() ? info : Map.of();
    }

    /** A field of {@link #activeInfo()}, or "" when absent. */
    public String infoField(String name) {
        return activeInfo().getOrDefault(name, "");
    }
}
