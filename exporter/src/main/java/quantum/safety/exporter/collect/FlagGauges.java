package quantum.safety.exporter.collect;

import java.util.Map;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import quantum.safety.kernel.FlagState;

/** The family both flag collectors add to: whether a flag counts as on only by the kernel's fail-safe rule. */
final class FlagGauges {

    static final String UNCLEAR_FAMILY = "quantum_safety_flag_unclear";

    private FlagGauges() {
    }

    /** One series of {@link #UNCLEAR_FAMILY}: 1 when {@code state} is on only by the fail-safe rule. */
    static GaugeSnapshot unclear(String flag, FlagState state) {
        return Snapshots.gaugeByLabel(UNCLEAR_FAMILY, "1 while the flag (safe_mode or kill_switch) holds something "
                + "other than absent, \"0\" or \"1\" (another string, or a key of another type), which the kernel "
                + "reads as on; else 0.", "flag", Map.of(flag, state.unclear() ? 1 : 0));
    }
}
