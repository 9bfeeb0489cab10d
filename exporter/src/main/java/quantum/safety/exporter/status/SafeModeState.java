package quantum.safety.exporter.status;

import java.util.Map;
import java.util.OptionalLong;

import quantum.safety.kernel.FlagState;

/**
 * SAFE MODE: the flag, its TTL and the {@code safety:safe_mode:info} hash (who set it, why, when, how).
 *
 * @param flag       the flag as the kernel reads it: on for anything but absent or {@code "0"}
 * @param ttlSeconds seconds left; empty when the flag has no TTL (latched) or is absent
 * @param info       the info hash; empty when absent (a flag set by hand) or unreadable
 */
public record SafeModeState(FlagState flag, OptionalLong ttlSeconds, Map<String, String> info) {

    public SafeModeState {
        info = Map.copyOf(info);
    }

    /** On without a TTL: stays on until an operator clears it. */
    public boolean latched() {
        return flag.on() && ttlSeconds.isEmpty();
    }

    public String infoField(String name) {
        return info.getOrDefault(name, "");
    }
}
