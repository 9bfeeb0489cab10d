package quantum.safety.cli.kernel;

import java.time.Duration;
import java.util.Locale;

import picocli.CommandLine.Option;
import quantum.safety.cli.DurationConverter;
import quantum.safety.cli.UsageException;
import quantum.safety.cli.settings.SettingsFrom;
import quantum.safety.kernel.FailPolicy;
import quantum.safety.kernel.KernelConfig;
import quantum.safety.kernel.KernelSetting;

/**
 * The kernel's settings as flags, declared in {@link KernelSetting}: each with its env twin (the {@code QUANTUM_SAFETY_*}
 * name, then the legacy {@code SAFETY_*} name where one exists), its default and its help. Values stay text until
 * {@link #toConfig()} so that a bad one is reported with the flag and both env names.
 */
@SettingsFrom(KernelSetting.class)
public final class KernelOptions {

    @Option(names = "--window", paramLabel = "DURATION")
    String window;

    @Option(names = "--global-max", paramLabel = "N")
    String globalMax;

    @Option(names = "--symbol-max", paramLabel = "N")
    String symbolMax;

    @Option(names = "--cooldown", paramLabel = "DURATION")
    String cooldown;

    @Option(names = "--fail-policy", paramLabel = "open|closed")
    String failPolicy;

    @Option(names = "--decision-timeout", paramLabel = "DURATION")
    String decisionTimeout;

    @Option(names = "--fail-open-global-max", paramLabel = "N")
    String failOpenGlobalMax;

    @Option(names = "--fail-open-symbol-max", paramLabel = "N")
    String failOpenSymbolMax;

    @Option(names = "--reduce-only-symbol-max", paramLabel = "N")
    String reduceOnlySymbolMax;

    @Option(names = "--reduce-only-global-max", paramLabel = "N")
    String reduceOnlyGlobalMax;

    @Option(names = "--latched-trips", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true")
    String latchedTrips;

    @Option(names = "--escalate-cooldown", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true")
    String escalateCooldown;

    @Option(names = "--max-cooldown", paramLabel = "DURATION")
    String maxCooldown;

    @Option(names = "--escalation-period", paramLabel = "DURATION")
    String escalationPeriod;

    @Option(names = "--reduce-only-in-safe-mode", paramLabel = "allow|block")
    String reduceOnlyInSafeMode;

    @Option(names = "--kernel-id", paramLabel = "ID")
    String kernelId;

    @Option(names = "--trip-replica-acks", paramLabel = "N")
    String tripReplicaAcks;

    @Option(names = "--trip-ack-timeout-ms", paramLabel = "MILLIS")
    String tripAckTimeoutMs;

    /** The validated configuration; a bad value throws {@link UsageException} naming the flag and its env names. */
    public KernelConfig toConfig() {
        KernelConfig.Builder b = KernelConfig.builder()
                .windowSeconds(seconds(KernelSetting.WINDOW, window))
                .globalMax(count(KernelSetting.GLOBAL_MAX, globalMax))
                .symbolMax(count(KernelSetting.SYMBOL_MAX, symbolMax))
                .cooldownSeconds(seconds(KernelSetting.COOLDOWN, cooldown))
                .latchedTrips(bool(KernelSetting.LATCHED_TRIPS, latchedTrips))
                .escalateCooldown(bool(KernelSetting.ESCALATE_COOLDOWN, escalateCooldown))
                .maxCooldownSeconds(seconds(KernelSetting.MAX_COOLDOWN, maxCooldown))
                .escalationPeriodSeconds(seconds(KernelSetting.ESCALATION_PERIOD, escalationPeriod));
        try {
            b.failPolicy(FailPolicy.parse(failPolicy, KernelSetting.FAIL_POLICY.flag()));
            b.reduceOnlyPassesSafeMode(KernelConfig.parseReduceOnlyPolicy(reduceOnlyInSafeMode,
                    KernelSetting.REDUCE_ONLY_IN_SAFE_MODE.flag()));
            b.tripReplicaAcks(nonNegative(KernelSetting.TRIP_REPLICA_ACKS, tripReplicaAcks));
            b.tripAckTimeout(Duration.ofMillis(nonNegative(KernelSetting.TRIP_ACK_TIMEOUT, tripAckTimeoutMs)));
            b.decisionTimeout(millis(KernelSetting.DECISION_TIMEOUT, decisionTimeout));
            if (present(failOpenGlobalMax)) {
                b.failOpenGlobalMax(nonNegative(KernelSetting.FAIL_OPEN_GLOBAL_MAX, failOpenGlobalMax));
            }
            if (present(failOpenSymbolMax)) {
                b.failOpenSymbolMax(nonNegative(KernelSetting.FAIL_OPEN_SYMBOL_MAX, failOpenSymbolMax));
            }
            if (present(reduceOnlySymbolMax)) {
                b.reduceOnlySymbolMax(nonNegative(KernelSetting.REDUCE_ONLY_SYMBOL_MAX, reduceOnlySymbolMax));
            }
            if (present(reduceOnlyGlobalMax)) {
                b.reduceOnlyGlobalMax(nonNegative(KernelSetting.REDUCE_ONLY_GLOBAL_MAX, reduceOnlyGlobalMax));
            }
            if (kernelId != null && !kernelId.isBlank()) {
                b.kernelId(kernelId.strip());
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private static int seconds(KernelSetting setting, String value) {
        Duration duration;
        try {
            duration = DurationConverter.parse(value);
        } catch (RuntimeException e) {
            throw bad(setting, value, "a duration such as 10, 10s or 5m");
        }
        if (duration.toMillisPart() != 0 || duration.isZero() || duration.toSeconds() > Integer.MAX_VALUE) {
            throw bad(setting, value, "a whole number of seconds, at least 1");
        }
        return (int) duration.toSeconds();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** A positive duration; a bare number is milliseconds here, because deadlines are a matter of milliseconds. */
    private static Duration millis(KernelSetting setting, String value) {
        String text = value == null ? "" : value.trim();
        Duration duration;
        try {
            duration = text.matches("\\d+") ? Duration.ofMillis(Long.parseLong(text)) : DurationConverter.parse(text);
        } catch (RuntimeException e) {
            throw bad(setting, value, "a duration such as 250, 250ms or 1s");
        }
        if (duration.isNegative() || duration.isZero() || duration.toMillis() > 60_000) {
            throw bad(setting, value, "a duration above 0 and at most 60s, such as 250ms");
        }
        return duration;
    }

    private static int count(KernelSetting setting, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(setting, value, "a positive whole number");
    }

    private static int nonNegative(KernelSetting setting, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(setting, value, "a whole number, 0 or more");
    }

    private static boolean bool(KernelSetting setting, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw bad(setting, value, "true or false");
        };
    }

    private static UsageException bad(KernelSetting setting, String value, String expected) {
        return new UsageException(setting.flag() + "='" + value + "' (or env " + setting.envNames() + ") is not "
                + expected);
    }
}
