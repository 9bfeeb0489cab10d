package quantum.safety.exporter.collect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import quantum.safety.kernel.FlagState;
import quantum.safety.state.ExecutionControls;
import quantum.safety.state.StateRead;

/**
 * The execution controls operators set by hand: the kill switch {@code kill}, the execution mode {@code mode} and the
 * governor gate {@code governor:execution}.
 */
public final class KillSwitchCollector implements RedisCollector {

    public static final String NAME = "kill_switch";
    /** The states of {@code quantum_safety_execution_mode}; anything else (or nothing) is UNKNOWN. */
    static final List<String> MODES = List.of("TESTNET", "LIVE", "UNKNOWN");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void render(StateRead read, CollectorOutput out) {
        ExecutionControls controls = read.controls();
        out.problems(controls.problems());
        FlagState engaged = controls.killSwitch();
        out.add(Snapshots.gauge("quantum_safety_kill_switch_engaged", "1 while the manual kill switch blocks "
                + "every order (kill holds anything but \"0\", or is a key of another type), else 0 (absent or "
                + "\"0\").", engaged.on() ? 1 : 0));
        out.add(FlagGauges.unclear(NAME, engaged));
        if (controls.mode().readable()) {
            String current = controls.mode().value().map(v -> v.trim().toUpperCase(Locale.ROOT)).orElse("UNKNOWN");
            Map<String, Integer> states = new LinkedHashMap<>();
            MODES.forEach(m -> states.put(m, 0));
            states.put(MODES.contains(current) ? current : "UNKNOWN", 1);
            out.add(Snapshots.gaugeByLabel("quantum_safety_execution_mode",
                    "Execution mode as a state set: 1 on the current mode (TESTNET, LIVE, or UNKNOWN when unset "
                            + "or unrecognised), 0 on the others.", "mode", states));
        }
        controls.governorEnabled().ifPresent(enabled -> out.add(Snapshots.gauge("quantum_safety_governor_enabled",
                "1 while the governor gate reads ENABLED, else 0 (DISABLED or unset).", enabled ? 1 : 0)));
    }
}
