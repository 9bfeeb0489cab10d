package quantum.safety.exporter.collect;

import quantum.safety.kernel.FlagState;
import quantum.safety.state.SafeModeState;
import quantum.safety.state.StateRead;

/**
 * SAFE MODE: the flag {@code safety:safe_mode} and its TTL.
 *
 * <p>A flag without TTL is latched: it stays on until someone clears it, whether the kernel latched it or an operator
 * set it by hand.
 */
public final class SafeModeCollector implements RedisCollector {

    public static final String NAME = "safe_mode";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void render(StateRead read, CollectorOutput out) {
        SafeModeState safeMode = read.safeMode();
        out.problems(safeMode.problems());
        FlagState state = safeMode.flag();
        out.add(Snapshots.gauge("quantum_safety_safe_mode", "1 while SAFE MODE is on (the flag holds anything "
                + "but \"0\", or is a key of another type), else 0 (absent or \"0\").", state.on() ? 1 : 0));
        out.add(FlagGauges.unclear(NAME, state));
        safeMode.ttlSeconds().ifPresent(seconds -> {
            // The legacy gauge shows -1 both for a missing flag and for one without expiry.
            out.add(Snapshots.gaugeSeconds("quantum_safety_safe_mode_ttl_seconds",
                    "Seconds until the SAFE MODE flag expires; -1 when it is absent or has no TTL.", seconds));
            out.add(Snapshots.gauge("quantum_safety_safe_mode_latched",
                    "1 while SAFE MODE is on without a TTL (latched by the kernel or set by hand), else 0.",
                    safeMode.latched() ? 1 : 0));
        });
    }
}
