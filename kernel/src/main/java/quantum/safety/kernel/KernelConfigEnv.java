package quantum.safety.kernel;

import java.time.Duration;
import java.util.Map;

/** {@link KernelConfig#fromEnv(Map)}: the kernel's settings read from the environment by their table rows. */
final class KernelConfigEnv {

    private KernelConfigEnv() {
    }

    static KernelConfig read(Map<String, String> env) {
        EnvReader reader = new EnvReader(env);
        KernelConfig.Builder b = KernelConfig.builder()
                .windowSeconds(reader.seconds(KernelSetting.WINDOW, KernelConfig.DEFAULT_WINDOW_SEC))
                .globalMax(reader.count(KernelSetting.GLOBAL_MAX, KernelConfig.DEFAULT_GLOBAL_MAX))
                .symbolMax(reader.count(KernelSetting.SYMBOL_MAX, KernelConfig.DEFAULT_SYMBOL_MAX))
                .cooldownSeconds(reader.seconds(KernelSetting.COOLDOWN, KernelConfig.DEFAULT_COOLDOWN_SEC))
                .latchedTrips(reader.flag(KernelSetting.LATCHED_TRIPS, false))
                .escalateCooldown(reader.flag(KernelSetting.ESCALATE_COOLDOWN, false))
                .maxCooldownSeconds(reader.seconds(KernelSetting.MAX_COOLDOWN, KernelConfig.DEFAULT_MAX_COOLDOWN_SEC))
                .escalationPeriodSeconds(reader.seconds(KernelSetting.ESCALATION_PERIOD, KernelConfig.DEFAULT_ESCALATION_PERIOD_SEC));
        reader.value(KernelSetting.FAIL_POLICY).ifPresent(v -> b.failPolicy(FailPolicy.parse(v.text(), v.name())));
        reader.value(KernelSetting.REDUCE_ONLY_IN_SAFE_MODE).ifPresent(v -> b.reduceOnlyPassesSafeMode(
                KernelConfig.parseReduceOnlyPolicy(v.text(), v.name())));
        reader.value(KernelSetting.KERNEL_ID).ifPresent(v -> b.kernelId(v.text()));
        reader.value(KernelSetting.TRIP_REPLICA_ACKS).ifPresent(v -> b.tripReplicaAcks(
                parseNonNegative(v.text(), v.name(), "a replica count such as 0 or 1")));
        reader.value(KernelSetting.TRIP_ACK_TIMEOUT).ifPresent(v -> b.tripAckTimeout(Duration.ofMillis(
                parseNonNegative(v.text(), v.name(), "milliseconds such as 200"))));
        reader.value(KernelSetting.DECISION_TIMEOUT).ifPresent(v -> b.decisionTimeout(Duration.ofMillis(
                parsePositive(v.text(), v.name(), "milliseconds above 0 such as 250"))));
        reader.value(KernelSetting.FAIL_OPEN_GLOBAL_MAX).ifPresent(v -> b.failOpenGlobalMax(
                parseNonNegative(v.text(), v.name(), "a count of fail-open decisions per window such as 20")));
        reader.value(KernelSetting.FAIL_OPEN_SYMBOL_MAX).ifPresent(v -> b.failOpenSymbolMax(
                parseNonNegative(v.text(), v.name(), "a count of fail-open decisions per window such as 5")));
        reader.value(KernelSetting.REDUCE_ONLY_SYMBOL_MAX).ifPresent(v -> b.reduceOnlySymbolMax(
                parseNonNegative(v.text(), v.name(), "a count of reduce-only intents per window such as 5")));
        reader.value(KernelSetting.REDUCE_ONLY_GLOBAL_MAX).ifPresent(v -> b.reduceOnlyGlobalMax(
                parseNonNegative(v.text(), v.name(), "a count of reduce-only intents per window such as 20")));
        return b.build();
    }


    private static int parsePositive(String text, String source, String expected) {
        int n = parseNonNegative(text, source, expected);
        if (n == 0) {
            throw new IllegalArgumentException(source + "='" + text + "' is not understood; use " + expected);
        }
        return n;
    }

    private static int parseNonNegative(String text, String source, String expected) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(source + "='" + text + "' is not understood; use " + expected);
    }

    /** {@code <hostname>-<pid>} ({@link HostName}), or {@code pid-<pid>} when no host name can be found. */
    static String defaultKernelId() {
        String pid = String.valueOf(ProcessHandle.current().pid());
        return HostName.of(System.getenv("HOSTNAME")).map(host -> host + "-" + pid).orElse("pid-" + pid);
    }
}
