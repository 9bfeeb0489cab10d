package quantum.safety.cli.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import quantum.safety.cli.UsageException;
import quantum.safety.cli.settings.CommandSettings;
import quantum.safety.kernel.KernelConfig;

/** The kernel's flags and their env twins, read through the settings table the library reads too. */
class KernelOptionsTest {

    /** The kernel configuration {@code kernel decide} would use in this environment with these flags. */
    private static KernelConfig config(Map<String, String> env, String... flags) {
        DecideCommand decide = new DecideCommand();
        CommandLine cli = CommandSettings.install(new CommandLine(decide), env);
        List<String> args = new ArrayList<>(List.of("--symbol", "BTCUSDT", "--side", "BUY"));
        args.addAll(List.of(flags));
        cli.parseArgs(args.toArray(String[]::new));
        return decide.kernel.toConfig();
    }

    @Test
    void flagsWinOverEnvAndTheNewEnvNamesOverTheLegacyOnes() {
        assertThat(config(Map.of("SAFETY_GLOBAL_MAX_INTENTS_PER_WINDOW", "50")).globalMax()).isEqualTo(50);
        assertThat(config(Map.of("SAFETY_GLOBAL_MAX_INTENTS_PER_WINDOW", "50", "QUANTUM_SAFETY_GLOBAL_MAX", "40"))
                .globalMax()).isEqualTo(40);
        assertThat(config(Map.of("QUANTUM_SAFETY_GLOBAL_MAX", "40"), "--global-max=30").globalMax()).isEqualTo(30);
        assertThat(config(Map.of("QUANTUM_SAFETY_DECISION_TIMEOUT_MS", "80")).decisionTimeout().toMillis()).isEqualTo(80);
        assertThat(config(Map.of()).failOpenGlobalMax()).isEqualTo(20);
        assertThat(config(Map.of("QUANTUM_SAFETY_FAIL_OPEN_GLOBAL_MAX", "3")).failOpenGlobalMax()).isEqualTo(3);
        assertThat(config(Map.of("QUANTUM_SAFETY_REDUCE_ONLY_GLOBAL_MAX", "0")).reduceOnlyGlobalMax()).isZero();
    }

    /** The command line and {@link KernelConfig#fromEnv} read one table: the same environment gives the same kernel. */
    @Test
    void theCommandLineAndTheLibraryReadTheSameEnvironmentAlike() {
        Map<String, String> legacy = Map.of("SAFETY_WINDOW_SEC", "30", "SAFETY_GLOBAL_MAX_INTENTS_PER_WINDOW", "50",
                "SAFETY_SYMBOL_MAX_INTENTS_PER_WINDOW", "7", "SAFETY_FAULT_COOLDOWN_SEC", "600",
                "SAFETY_SAFE_MODE_DEFAULT", "1");
        Map<String, String> current = new HashMap<>(Map.of("QUANTUM_SAFETY_WINDOW_SEC", "15s",
                "QUANTUM_SAFETY_GLOBAL_MAX", "40", "QUANTUM_SAFETY_SYMBOL_MAX", "4", "QUANTUM_SAFETY_COOLDOWN_SEC", "120",
                "QUANTUM_SAFETY_FAIL_POLICY", "open", "QUANTUM_SAFETY_DECISION_TIMEOUT_MS", "80",
                "QUANTUM_SAFETY_FAIL_OPEN_GLOBAL_MAX", "3", "QUANTUM_SAFETY_FAIL_OPEN_SYMBOL_MAX", "1",
                "QUANTUM_SAFETY_LATCHED_TRIPS", "true", "QUANTUM_SAFETY_ESCALATE_COOLDOWN", "yes"));
        current.putAll(Map.of("QUANTUM_SAFETY_MAX_COOLDOWN_SEC", "900", "QUANTUM_SAFETY_ESCALATION_PERIOD_SEC", "1200",
                "QUANTUM_SAFETY_REDUCE_ONLY_IN_SAFE_MODE", "block", "QUANTUM_SAFETY_REDUCE_ONLY_SYMBOL_MAX", "2",
                "QUANTUM_SAFETY_REDUCE_ONLY_GLOBAL_MAX", "6", "QUANTUM_SAFETY_KERNEL_ID", "router-1",
                "QUANTUM_SAFETY_TRIP_REPLICA_ACKS", "1", "QUANTUM_SAFETY_TRIP_ACK_TIMEOUT_MS", "150"));
        Map<String, String> both = new HashMap<>(legacy);
        both.putAll(current);

        for (Map<String, String> env : List.of(Map.<String, String>of(), legacy, current, both)) {
            assertThat(config(env)).as(env.toString()).hasToString(KernelConfig.fromEnv(env).toString());
        }
    }

    @Test
    void aBadEnvValueIsNamedWithTheFlagAndBothEnvNames() {
        assertThatThrownBy(() -> config(Map.of("SAFETY_GLOBAL_MAX_INTENTS_PER_WINDOW", "many")))
                .isInstanceOf(UsageException.class)
                .hasMessage("--global-max='many' (or env QUANTUM_SAFETY_GLOBAL_MAX or "
                        + "SAFETY_GLOBAL_MAX_INTENTS_PER_WINDOW) is not a positive whole number");
        assertThatThrownBy(() -> config(Map.of("QUANTUM_SAFETY_DECISION_TIMEOUT_MS", "0")))
                .hasMessage("--decision-timeout='0' (or env QUANTUM_SAFETY_DECISION_TIMEOUT_MS) is not a duration "
                        + "above 0 and at most 60s, such as 250ms");
    }
}
