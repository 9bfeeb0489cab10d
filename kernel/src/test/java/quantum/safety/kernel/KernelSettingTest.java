package quantum.safety.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import quantum.safety.kernel.settings.Setting;

/** The kernel's settings table against the legacy contract and against what {@link KernelConfig} does with it. */
class KernelSettingTest {

    @Test
    void theLegacyNamesAreTheLegacyKernelsFive() {
        assertThat(Arrays.stream(KernelSetting.values()).flatMap(r -> r.setting().legacyEnv().stream()))
                .containsExactlyInAnyOrder("SAFETY_WINDOW_SEC", "SAFETY_GLOBAL_MAX_INTENTS_PER_WINDOW",
                        "SAFETY_SYMBOL_MAX_INTENTS_PER_WINDOW", "SAFETY_FAULT_COOLDOWN_SEC", "SAFETY_SAFE_MODE_DEFAULT");
    }

    @Test
    void everySettingButTheIgnoredOneHasAFlagAndAQuantumSafetyEnvName() {
        for (KernelSetting row : KernelSetting.values()) {
            if (row == KernelSetting.SAFE_MODE_DEFAULT) {
                assertThat(row.setting().flag()).isEmpty();
                continue;
            }
            assertThat(row.setting().flag()).as(row.name()).isPresent();
            assertThat(row.env()).as(row.name()).startsWith("QUANTUM_SAFETY_");
        }
    }

    @Test
    void theTablesDefaultsAreTheConfigsDefaults() {
        KernelConfig defaults = KernelConfig.defaults();

        assertThat(defaultOf(KernelSetting.WINDOW)).isEqualTo(Integer.toString(defaults.windowSeconds()));
        assertThat(defaultOf(KernelSetting.GLOBAL_MAX)).isEqualTo(Integer.toString(defaults.globalMax()));
        assertThat(defaultOf(KernelSetting.SYMBOL_MAX)).isEqualTo(Integer.toString(defaults.symbolMax()));
        assertThat(defaultOf(KernelSetting.COOLDOWN)).isEqualTo(Integer.toString(defaults.cooldownSeconds()));
        assertThat(defaultOf(KernelSetting.FAIL_POLICY)).isEqualTo("closed").isEqualTo(defaults.failPolicy().name()
                .toLowerCase(java.util.Locale.ROOT));
        assertThat(defaultOf(KernelSetting.DECISION_TIMEOUT)).isEqualTo(defaults.decisionTimeout().toMillis() + "ms");
        assertThat(defaultOf(KernelSetting.LATCHED_TRIPS)).isEqualTo(Boolean.toString(defaults.latchedTrips()));
        assertThat(defaultOf(KernelSetting.ESCALATE_COOLDOWN)).isEqualTo(Boolean.toString(defaults.escalateCooldown()));
        assertThat(defaultOf(KernelSetting.MAX_COOLDOWN)).isEqualTo(Integer.toString(defaults.maxCooldownSeconds()));
        assertThat(defaultOf(KernelSetting.ESCALATION_PERIOD))
                .isEqualTo(Integer.toString(defaults.escalationPeriodSeconds()));
        assertThat(defaultOf(KernelSetting.REDUCE_ONLY_IN_SAFE_MODE)).isEqualTo(defaults.reduceOnlyPassesSafeMode()
                ? "allow" : "block");
        assertThat(defaultOf(KernelSetting.TRIP_REPLICA_ACKS)).isEqualTo(Integer.toString(defaults.tripReplicaAcks()));
        assertThat(defaultOf(KernelSetting.TRIP_ACK_TIMEOUT))
                .isEqualTo(Long.toString(defaults.tripAckTimeout().toMillis()));
        // Defaults that follow another setting are stated, not valued.
        assertThat(KernelSetting.FAIL_OPEN_GLOBAL_MAX.setting().shownDefault()).isEqualTo("--global-max");
        assertThat(KernelSetting.REDUCE_ONLY_SYMBOL_MAX.setting().shownDefault()).isEqualTo("--symbol-max");
    }

    /** Each env name of the table, new and legacy, reaches {@link KernelConfig#fromEnv}: a bad value there is named. */
    @Test
    void fromEnvReadsEveryEnvNameOfTheTable() {
        for (KernelSetting row : KernelSetting.values()) {
            for (String name : row.setting().envNames()) {
                if (row == KernelSetting.SAFE_MODE_DEFAULT) {
                    assertThat(KernelConfig.fromEnv(Map.of(name, "not a flag"))).isNotNull();
                } else if (row == KernelSetting.KERNEL_ID) {
                    assertThat(KernelConfig.fromEnv(Map.of(name, "router-7")).kernelId()).isEqualTo("router-7");
                } else {
                    assertThatThrownBy(() -> KernelConfig.fromEnv(Map.of(name, "bogus!"))).as(name)
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessageStartingWith(name + "='bogus!'");
                }
            }
        }
    }

    @Test
    void theRecentSettingsAreInTheTable() {
        List<String> flags = Arrays.stream(KernelSetting.values()).flatMap(r -> r.setting().flag().stream()).toList();

        assertThat(flags).contains("--decision-timeout", "--fail-open-global-max", "--fail-open-symbol-max",
                "--reduce-only-symbol-max", "--reduce-only-global-max");
        assertThat(KernelSetting.DECISION_TIMEOUT.env()).isEqualTo("QUANTUM_SAFETY_DECISION_TIMEOUT_MS");
        assertThat(KernelConfig.fromEnv(Map.of(KernelSetting.DECISION_TIMEOUT.env(), "80")).decisionTimeout())
                .isEqualTo(Duration.ofMillis(80));
    }

    private static String defaultOf(KernelSetting row) {
        Setting setting = row.setting();
        return setting.defaultValue().orElseThrow();
    }
}
