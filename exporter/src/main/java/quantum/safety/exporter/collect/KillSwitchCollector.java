package quantum.safety.exporter.collect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import quantum.safety.kernel.FlagState;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

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
    public Finisher plan(AbstractPipeline pipeline, CollectContext context) {
        String killKey = context.schema().killSwitch();
        String modeKey = context.schema().executionMode();
        String governorKey = context.schema().governorGate();
        FlagRead kill = FlagRead.queue(pipeline, killKey);
        Response<String> mode = pipeline.get(modeKey);
        Response<String> governor = pipeline.get(governorKey);

        return (redis, out) -> {
            FlagState engaged = kill.state(out::problem);
            out.add(Snapshots.gauge("quantum_safety_kill_switch_engaged", "1 while the manual kill switch blocks "
                    + "every order (kill holds anything but \"0\", or is a key of another type), else 0 (absent or "
                    + "\"0\").", engaged.on() ? 1 : 0));
            out.add(FlagRead.unclearGauge(NAME, engaged));
            if (!Replies.failed(mode, out, "GET " + modeKey)) {
                String current = mode.get() == null ? "UNKNOWN" : mode.get().trim().toUpperCase(Locale.ROOT);
                Map<String, Integer> states = new LinkedHashMap<>();
                MODES.forEach(m -> states.put(m, 0));
                states.put(MODES.contains(current) ? current : "UNKNOWN", 1);
                out.add(Snapshots.gaugeByLabel("quantum_safety_execution_mode",
                        "Execution mode as a state set: 1 on the current mode (TESTNET, LIVE, or UNKNOWN when unset "
                                + "or unrecognised), 0 on the others.", "mode", states));
            }
            if (!Replies.failed(governor, out, "GET " + governorKey)) {
                governor(governor.get(), governorKey, out);
            }
        };
    }

    private static void governor(String value, String key, CollectorOutput out) {
        String text = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        if (!text.isEmpty() && !text.equals("ENABLED") && !text.equals("DISABLED")) {
            out.problem(key + " holds neither ENABLED nor DISABLED");
            return;
        }
        out.add(Snapshots.gauge("quantum_safety_governor_enabled",
                "1 while the governor gate reads ENABLED, else 0 (DISABLED or unset).", text.equals("ENABLED") ? 1 : 0));
    }
}
