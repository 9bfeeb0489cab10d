package quantum.safety.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class KernelConfigTest {

    @Test
    void defaultsAreTheLegacyLimitsButFailClosedWithADeadline() {
        KernelConfig config = KernelConfig.fromEnv(Map.of());

        assertThat(config.windowSeconds()).isEqualTo(10);
        assertThat(config.globalMax()).isEqualTo(20);
        assertThat(config.symbolMax()).isEqualTo(5);
        assertThat(config.cooldownSeconds()).isEqualTo(300);
        // A deliberate change from the legacy kernel, which failed open (docs/compatibility.md).
        assertThat(config.failPolicy()).isEqualTo(FailPolicy.CLOSED);
        assertThat(config.decisionTimeout()).isEqualTo(java.time.Duration.ofMillis(250));
        assertThat(config.failOpenGlobalMax()).isEqualTo(20);
        assertThat(config.failOpenSymbolMax()).isEqualTo(5);
        assertThat(config.reduceOnlySymbolMax()).isEqualTo(5);
        assertThat(config.latchedTrips()).isFalse();
        assertThat(config.escalateCooldown()).isFalse();
        assertThat(config.reduceOnlyPassesSafeMode()).isTrue();
    }

    @Test
    void failOpenAndReduceOnlyCapsFollowTheLimitsUnlessSet() {
        KernelConfig derived = KernelConfig.fromEnv(Map.of("SAFETY_GLOBAL_MAX_INTENTS_PER_WINDOW", "50",
                "SAFETY_SYMBOL_MAX_INTENTS_PER_WINDOW", "7", "QUANTUM_SAFETY_FAIL_POLICY", "open"));
        KernelConfig set = KernelConfig.fromEnv(Map.of("QUANTUM_SAFETY_FAIL_OPEN_GLOBAL_MAX", "3",
                "QUANTUM_SAFETY_FAIL_OPEN_SYMBOL_MAX", "1", "QUANTUM_SAFETY_REDUCE_ONLY_SYMBOL_MAX", "0",
                "QUANTUM_SAFETY_DECISION_TIMEOUT_MS", "80"));

        assertThat(derived.failPolicy()).isEqualTo(FailPolicy.OPEN);
        assertThat(derived.failOpenGlobalMax()).isEqualTo(50);
        assertThat(derived.failOpenSymbolMax()).isEqualTo(7);
        assertThat(derived.reduceOnlySymbolMax()).isEqualTo(7);
        assertThat(set.failOpenGlobalMax()).isEqualTo(3);
        assertThat(set.failOpenSymbolMax()).isEqualTo(1);
        assertThat(set.reduceOnlySymbolMax()).isZero();
        assertThat(set.decisionTimeout()).isEqualTo(java.time.Duration.ofMillis(80));
    }

    @Test
    void aDecisionTimeoutOfZeroOrLessIsRefused() {
        assertThatThrownBy(() -> KernelConfig.fromEnv(Map.of("QUANTUM_SAFETY_DECISION_TIMEOUT_MS", "0")))
                .hasMessageStartingWith("QUANTUM_SAFETY_DECISION_TIMEOUT_MS='0' is not understood");
        assertThatThrownBy(() -> KernelConfig.fromEnv(Map.of("QUANTUM_SAFETY_DECISION_TIMEOUT_MS", "-5")))
                .hasMessageStartingWith("QUANTUM_SAFETY_DECISION_TIMEOUT_MS='-5' is not understood");
        assertThatThrownBy(() -> KernelConfig.builder().decisionTimeout(java.time.Duration.ZERO).build())
                .hasMessageContaining("decision timeout 0 ms is out of range");
        assertThatThrownBy(() -> KernelConfig.builder().failOpenGlobalMax(-1).build())
                .hasMessageContaining("must be 0 or more");
    }

    @Test
    void legacyEnvNamesKeepWorking() {
        KernelConfig config = KernelConfig.fromEnv(Map.of(
                "SAFETY_WINDOW_SEC", "30",
                "SAFETY_GLOBAL_MAX_INTENTS_PER_WINDOW", "50",
                "SAFETY_SYMBOL_MAX_INTENTS_PER_WINDOW", "7",
                "SAFETY_FAULT_COOLDOWN_SEC", "600",
                "SAFETY_SAFE_MODE_DEFAULT", "1"));

        assertThat(config.windowSeconds()).isEqualTo(30);
        assertThat(config.globalMax()).isEqualTo(50);
        assertThat(config.symbolMax()).isEqualTo(7);
        assertThat(config.cooldownSeconds()).isEqualTo(600);
    }

    @Test
    void newEnvNamesWinOverLegacyOnes() {
        KernelConfig config = KernelConfig.fromEnv(Map.of(
                "SAFETY_WINDOW_SEC", "30", "QUANTUM_SAFETY_WINDOW_SEC", "15s",
                "QUANTUM_SAFETY_FAIL_POLICY", "CLOSED",
                "QUANTUM_SAFETY_LATCHED_TRIPS", "true",
                "QUANTUM_SAFETY_ESCALATE_COOLDOWN", "yes",
                "QUANTUM_SAFETY_MAX_COOLDOWN_SEC", "900",
                "QUANTUM_SAFETY_REDUCE_ONLY_IN_SAFE_MODE", "block",
                "QUANTUM_SAFETY_KERNEL_ID", "router-1"));

        assertThat(config.windowSeconds()).isEqualTo(15);
        assertThat(config.failPolicy()).isEqualTo(FailPolicy.CLOSED);
        assertThat(config.latchedTrips()).isTrue();
        assertThat(config.escalateCooldown()).isTrue();
        assertThat(config.maxCooldownSeconds()).isEqualTo(900);
        assertThat(config.reduceOnlyPassesSafeMode()).isFalse();
        assertThat(config.kernelId()).isEqualTo("router-1");
    }

    @Test
    void badValuesNameTheVariableAndTheFix() {
        assertThatThrownBy(() -> KernelConfig.fromEnv(Map.of("SAFETY_WINDOW_SEC", "ten")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SAFETY_WINDOW_SEC='ten' is not a whole number of seconds; set e.g. SAFETY_WINDOW_SEC=10");
        assertThatThrownBy(() -> KernelConfig.fromEnv(Map.of("SAFETY_GLOBAL_MAX_INTENTS_PER_WINDOW", "0")))
                .hasMessageStartingWith("SAFETY_GLOBAL_MAX_INTENTS_PER_WINDOW='0' is not a positive whole number");
        assertThatThrownBy(() -> KernelConfig.fromEnv(Map.of("QUANTUM_SAFETY_FAIL_POLICY", "maybe")))
                .hasMessage("QUANTUM_SAFETY_FAIL_POLICY='maybe' is not a fail policy; use open or closed");
        assertThatThrownBy(() -> KernelConfig.fromEnv(Map.of("QUANTUM_SAFETY_LATCHED_TRIPS", "sure")))
                .hasMessageContaining("QUANTUM_SAFETY_LATCHED_TRIPS='sure' is not a boolean");
    }

    @Test
    void builderRefusesInconsistentSettings() {
        assertThatThrownBy(() -> KernelConfig.builder().windowSeconds(0).build())
                .hasMessageContaining("window 0 is out of range");
        assertThatThrownBy(() -> KernelConfig.builder().escalateCooldown(true).cooldownSeconds(600)
                .maxCooldownSeconds(300).build()).hasMessageContaining("max cooldown 300s is below the cooldown 600s");
        assertThatThrownBy(() -> KernelConfig.builder().kernelId("a b").build()).hasMessageContaining("kernel id");
    }
}
