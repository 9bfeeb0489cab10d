package quantum.safety.kernel;

/** The ranges and combinations a {@link KernelConfig} must respect; each refusal names the setting and the fix. */
final class KernelConfigRules {

    private KernelConfigRules() {
    }

    static KernelConfig checked(KernelConfig c) {
        requireRange("window", c.windowSeconds(), 1, 86_400, "seconds");
        requireRange("global max", c.globalMax(), 1, Integer.MAX_VALUE, "intents per window");
        requireRange("symbol max", c.symbolMax(), 1, Integer.MAX_VALUE, "intents per window");
        requireRange("cooldown", c.cooldownSeconds(), 1, 31_536_000, "seconds");
        requireRange("max cooldown", c.maxCooldownSeconds(), 1, 31_536_000, "seconds");
        requireRange("escalation period", c.escalationPeriodSeconds(), 1, 31_536_000, "seconds");
        requireRange("trip replica acks", c.tripReplicaAcks(), 0, 100, "replicas");
        if (c.tripAckTimeout() == null || c.tripAckTimeout().isNegative() || c.tripAckTimeout().toMillis() > 60_000) {
            throw new IllegalArgumentException("trip ack timeout must be 0..60000 ms");
        }
        if (c.decisionTimeout() == null || c.decisionTimeout().isNegative() || c.decisionTimeout().isZero()
                || c.decisionTimeout().toMillis() > 60_000) {
            throw new IllegalArgumentException("decision timeout " + (c.decisionTimeout() == null ? "(none)"
                    : c.decisionTimeout().toMillis() + " ms") + " is out of range; expected 1..60000 ms");
        }
        for (int cap : new int[] {c.failOpenGlobalMax(), c.failOpenSymbolMax(), c.reduceOnlySymbolMax(),
                c.reduceOnlyGlobalMax()}) {
            if (cap < 0) {
                throw new IllegalArgumentException("fail-open and reduce-only limits must be 0 or more, not " + cap);
            }
        }
        if (c.failPolicy() == null) {
            throw new IllegalArgumentException("fail policy is missing; use open or closed");
        }
        if (c.escalateCooldown() && c.maxCooldownSeconds() < c.cooldownSeconds()) {
            throw new IllegalArgumentException("max cooldown " + c.maxCooldownSeconds() + "s is below the cooldown "
                    + c.cooldownSeconds() + "s; raise the max cooldown or lower the cooldown");
        }
        if (c.failLogInterval() == null || c.failLogInterval().isNegative()) {
            throw new IllegalArgumentException("fail log interval must be zero or positive");
        }
        String kernelId = c.kernelId();
        if (kernelId == null || kernelId.isBlank() || kernelId.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("kernel id '" + kernelId + "' must be non-empty without white space");
        }
        return c;
    }

    private static void requireRange(String name, long value, long min, long max, String unit) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " " + value + " is out of range; expected " + min + ".." + max
                    + " " + unit);
        }
    }
}
