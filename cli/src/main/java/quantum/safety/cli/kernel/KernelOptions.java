package quantum.safety.cli.kernel;

import java.time.Duration;
import java.util.Locale;

import picocli.CommandLine.Option;
import quantum.safety.cli.DurationConverter;
import quantum.safety.cli.UsageException;
import quantum.safety.kernel.FailPolicy;
import quantum.safety.kernel.KernelConfig;

/**
 * The kernel's settings as flags, each with its env twin (the {@code QUANTUM_SAFETY_*} name, then the legacy
 * {@code SAFETY_*} name where one exists). Values stay text until {@link #toConfig()} so that a bad one is
 * reported with the flag and both env names.
 */
public final class KernelOptions {

    @Option(names = "--window", paramLabel = "DURATION",
            defaultValue = "${env:QUANTUM_SAFETY_WINDOW_SEC:-${env:SAFETY_WINDOW_SEC:-10}}",
            description = {"Rate window; a bare number is seconds, e.g. 10 or 10s. Must match the exporter's.",
                    "Env: QUANTUM_SAFETY_WINDOW_SEC, legacy SAFETY_WINDOW_SEC. Default: 10."})
    String window;

    @Option(names = "--global-max", paramLabel = "N",
            defaultValue = "${env:QUANTUM_SAFETY_GLOBAL_MAX:-${env:SAFETY_GLOBAL_MAX_INTENTS_PER_WINDOW:-20}}",
            description = {"Intents per window, all symbols; the next one trips SAFE MODE.",
                    "Env: QUANTUM_SAFETY_GLOBAL_MAX, legacy SAFETY_GLOBAL_MAX_INTENTS_PER_WINDOW. Default: 20."})
    String globalMax;

    @Option(names = "--symbol-max", paramLabel = "N",
            defaultValue = "${env:QUANTUM_SAFETY_SYMBOL_MAX:-${env:SAFETY_SYMBOL_MAX_INTENTS_PER_WINDOW:-5}}",
            description = {"Intents per window for one symbol; the next one trips SAFE MODE.",
                    "Env: QUANTUM_SAFETY_SYMBOL_MAX, legacy SAFETY_SYMBOL_MAX_INTENTS_PER_WINDOW. Default: 5."})
    String symbolMax;

    @Option(names = "--cooldown", paramLabel = "DURATION",
            defaultValue = "${env:QUANTUM_SAFETY_COOLDOWN_SEC:-${env:SAFETY_FAULT_COOLDOWN_SEC:-300}}",
            description = {"How long a trip keeps SAFE MODE on, e.g. 300 or 5m.",
                    "Env: QUANTUM_SAFETY_COOLDOWN_SEC, legacy SAFETY_FAULT_COOLDOWN_SEC. Default: 300 (5m)."})
    String cooldown;

    @Option(names = "--fail-policy", paramLabel = "open|closed",
            defaultValue = "${env:QUANTUM_SAFETY_FAIL_POLICY:-closed}",
            description = {"When Redis is unavailable (down, slow past --decision-timeout, busy, refusing writes) and "
                    + "the last state read does not block anyway: closed blocks (FAIL_CLOSED_ERROR); open allows "
                    + "(FAIL_OPEN_ERROR, as the legacy kernel did), capped by --fail-open-global-max and "
                    + "--fail-open-symbol-max. Garbage in Redis and configuration errors block either way.",
                    "Env: QUANTUM_SAFETY_FAIL_POLICY. Default: closed."})
    String failPolicy;

    @Option(names = "--decision-timeout", paramLabel = "DURATION",
            defaultValue = "${env:QUANTUM_SAFETY_DECISION_TIMEOUT_MS:-250ms}",
            description = {"The most one decision waits on Redis, pool wait and connect included; a bare number is "
                    + "milliseconds, e.g. 250 or 250ms. Past it the last known state, then --fail-policy, decides.",
                    "Env: QUANTUM_SAFETY_DECISION_TIMEOUT_MS. Default: 250ms."})
    String decisionTimeout;

    @Option(names = "--fail-open-global-max", paramLabel = "N",
            defaultValue = "${env:QUANTUM_SAFETY_FAIL_OPEN_GLOBAL_MAX}",
            description = {"With --fail-policy=open: fail-open decisions per window in this process, all symbols; "
                    + "beyond it the kernel fails closed. 0 never fails open.",
                    "Env: QUANTUM_SAFETY_FAIL_OPEN_GLOBAL_MAX. Default: --global-max."})
    String failOpenGlobalMax;

    @Option(names = "--fail-open-symbol-max", paramLabel = "N",
            defaultValue = "${env:QUANTUM_SAFETY_FAIL_OPEN_SYMBOL_MAX}",
            description = {"With --fail-policy=open: fail-open decisions per window in this process for one symbol.",
                    "Env: QUANTUM_SAFETY_FAIL_OPEN_SYMBOL_MAX. Default: --symbol-max."})
    String failOpenSymbolMax;

    @Option(names = "--reduce-only-symbol-max", paramLabel = "N",
            defaultValue = "${env:QUANTUM_SAFETY_REDUCE_ONLY_SYMBOL_MAX}",
            description = {"Reduce-only intents of one symbol let through SAFE MODE per window, fleet-wide; beyond it "
                    + "they are blocked (REDUCE_ONLY_RATE_EXCEEDED). 0 blocks them all.",
                    "Env: QUANTUM_SAFETY_REDUCE_ONLY_SYMBOL_MAX. Default: --symbol-max."})
    String reduceOnlySymbolMax;

    @Option(names = "--reduce-only-global-max", paramLabel = "N",
            defaultValue = "${env:QUANTUM_SAFETY_REDUCE_ONLY_GLOBAL_MAX}",
            description = {"Reduce-only intents of all symbols together let through SAFE MODE per window, fleet-wide "
                    + "(the symbol is the caller's text, so a per-symbol limit alone multiplies with every spelling). "
                    + "0 blocks them all.",
                    "Env: QUANTUM_SAFETY_REDUCE_ONLY_GLOBAL_MAX. Default: --global-max."})
    String reduceOnlyGlobalMax;

    @Option(names = "--latched-trips", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true",
            defaultValue = "${env:QUANTUM_SAFETY_LATCHED_TRIPS:-false}",
            description = {"Trips set SAFE MODE without TTL; only an operator clears it.",
                    "Env: QUANTUM_SAFETY_LATCHED_TRIPS. Default: false."})
    String latchedTrips;

    @Option(names = "--escalate-cooldown", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true",
            defaultValue = "${env:QUANTUM_SAFETY_ESCALATE_COOLDOWN:-false}",
            description = {"Each trip within --escalation-period of the previous one doubles the cooldown, up to "
                    + "--max-cooldown.", "Env: QUANTUM_SAFETY_ESCALATE_COOLDOWN. Default: false."})
    String escalateCooldown;

    @Option(names = "--max-cooldown", paramLabel = "DURATION",
            defaultValue = "${env:QUANTUM_SAFETY_MAX_COOLDOWN_SEC:-3600}",
            description = "Cap of the escalating cooldown. Env: QUANTUM_SAFETY_MAX_COOLDOWN_SEC. Default: 3600 (1h).")
    String maxCooldown;

    @Option(names = "--escalation-period", paramLabel = "DURATION",
            defaultValue = "${env:QUANTUM_SAFETY_ESCALATION_PERIOD_SEC:-3600}",
            description = "Trips this close together escalate. Env: QUANTUM_SAFETY_ESCALATION_PERIOD_SEC. Default: 3600 (1h).")
    String escalationPeriod;

    @Option(names = "--reduce-only-in-safe-mode", paramLabel = "allow|block",
            defaultValue = "${env:QUANTUM_SAFETY_REDUCE_ONLY_IN_SAFE_MODE:-allow}",
            description = {"Whether reduce-only intents pass SAFE MODE (REDUCE_ONLY_ALLOWED, within "
                    + "--reduce-only-symbol-max) so exits are never trapped; the kill switch blocks them regardless.",
                    "Env: QUANTUM_SAFETY_REDUCE_ONLY_IN_SAFE_MODE. Default: allow."})
    String reduceOnlyInSafeMode;

    @Option(names = "--kernel-id", paramLabel = "ID", defaultValue = "${env:QUANTUM_SAFETY_KERNEL_ID}",
            description = {"Names this kernel in fault and audit events (kernel_id, actor kernel:<id>).",
                    "Env: QUANTUM_SAFETY_KERNEL_ID. Default: <hostname>-<pid>."})
    String kernelId;

    @Option(names = "--trip-replica-acks", paramLabel = "N",
            defaultValue = "${env:QUANTUM_SAFETY_TRIP_REPLICA_ACKS:-0}",
            description = {"After a trip, wait (WAIT N) until N replicas hold it, so a failover cannot lose SAFE MODE; "
                    + "0 does not wait. Only trips wait; the trip blocks whatever the answer. E.g. 1.",
                    "Env: QUANTUM_SAFETY_TRIP_REPLICA_ACKS. Default: 0."})
    String tripReplicaAcks;

    @Option(names = "--trip-ack-timeout-ms", paramLabel = "MILLIS",
            defaultValue = "${env:QUANTUM_SAFETY_TRIP_ACK_TIMEOUT_MS:-200}",
            description = {"How long a trip waits for --trip-replica-acks, in milliseconds, e.g. 200; keep it below "
                    + "the Redis socket timeout.",
                    "Env: QUANTUM_SAFETY_TRIP_ACK_TIMEOUT_MS. Default: 200."})
    String tripAckTimeoutMs;

    /** The validated configuration; a bad value throws {@link UsageException} naming the flag and its env names. */
    public KernelConfig toConfig() {
        KernelConfig.Builder b = KernelConfig.builder()
                .windowSeconds(seconds("--window", window, "QUANTUM_SAFETY_WINDOW_SEC or SAFETY_WINDOW_SEC"))
                .globalMax(count("--global-max", globalMax,
                        "QUANTUM_SAFETY_GLOBAL_MAX or SAFETY_GLOBAL_MAX_INTENTS_PER_WINDOW"))
                .symbolMax(count("--symbol-max", symbolMax,
                        "QUANTUM_SAFETY_SYMBOL_MAX or SAFETY_SYMBOL_MAX_INTENTS_PER_WINDOW"))
                .cooldownSeconds(seconds("--cooldown", cooldown, "QUANTUM_SAFETY_COOLDOWN_SEC or SAFETY_FAULT_COOLDOWN_SEC"))
                .latchedTrips(bool("--latched-trips", latchedTrips, "QUANTUM_SAFETY_LATCHED_TRIPS"))
                .escalateCooldown(bool("--escalate-cooldown", escalateCooldown, "QUANTUM_SAFETY_ESCALATE_COOLDOWN"))
                .maxCooldownSeconds(seconds("--max-cooldown", maxCooldown, "QUANTUM_SAFETY_MAX_COOLDOWN_SEC"))
                .escalationPeriodSeconds(seconds("--escalation-period", escalationPeriod,
                        "QUANTUM_SAFETY_ESCALATION_PERIOD_SEC"));
        try {
            b.failPolicy(FailPolicy.parse(failPolicy, "--fail-policy"));
            b.reduceOnlyPassesSafeMode(KernelConfig.parseReduceOnlyPolicy(reduceOnlyInSafeMode,
                    "--reduce-only-in-safe-mode"));
            b.tripReplicaAcks(nonNegative("--trip-replica-acks", tripReplicaAcks, "QUANTUM_SAFETY_TRIP_REPLICA_ACKS"));
            b.tripAckTimeout(Duration.ofMillis(nonNegative("--trip-ack-timeout-ms", tripAckTimeoutMs, "QUANTUM_SAFETY_TRIP_ACK_TIMEOUT_MS")));
            b.decisionTimeout(millis("--decision-timeout", decisionTimeout, "QUANTUM_SAFETY_DECISION_TIMEOUT_MS"));
            if (present(failOpenGlobalMax)) {
                b.failOpenGlobalMax(nonNegative("--fail-open-global-max", failOpenGlobalMax,
                        "QUANTUM_SAFETY_FAIL_OPEN_GLOBAL_MAX"));
            }
            if (present(failOpenSymbolMax)) {
                b.failOpenSymbolMax(nonNegative("--fail-open-symbol-max", failOpenSymbolMax,
                        "QUANTUM_SAFETY_FAIL_OPEN_SYMBOL_MAX"));
            }
            if (present(reduceOnlySymbolMax)) {
                b.reduceOnlySymbolMax(nonNegative("--reduce-only-symbol-max", reduceOnlySymbolMax,
                        "QUANTUM_SAFETY_REDUCE_ONLY_SYMBOL_MAX"));
            }
            if (present(reduceOnlyGlobalMax)) {
                b.reduceOnlyGlobalMax(nonNegative("--reduce-only-global-max", reduceOnlyGlobalMax,
                        "QUANTUM_SAFETY_REDUCE_ONLY_GLOBAL_MAX"));
            }
            if (kernelId != null && !kernelId.isBlank()) {
                b.kernelId(kernelId.strip());
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private static int seconds(String flag, String value, String env) {
        Duration duration;
        try {
            duration = DurationConverter.parse(value);
        } catch (RuntimeException e) {
            throw bad(flag, value, env, "a duration such as 10, 10s or 5m");
        }
        if (duration.toMillisPart() != 0 || duration.isZero() || duration.toSeconds() > Integer.MAX_VALUE) {
            throw bad(flag, value, env, "a whole number of seconds, at least 1");
        }
        return (int) duration.toSeconds();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** A positive duration; a bare number is milliseconds here, because deadlines are a matter of milliseconds. */
    private static Duration millis(String flag, String value, String env) {
        String text = value == null ? "" : value.trim();
        Duration duration;
        try {
            duration = text.matches("\\d+") ? Duration.ofMillis(Long.parseLong(text)) : DurationConverter.parse(text);
        } catch (RuntimeException e) {
            throw bad(flag, value, env, "a duration such as 250, 250ms or 1s");
        }
        if (duration.isNegative() || duration.isZero() || duration.toMillis() > 60_000) {
            throw bad(flag, value, env, "a duration above 0 and at most 60s, such as 250ms");
        }
        return duration;
    }

    private static int count(String flag, String value, String env) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(flag, value, env, "a positive whole number");
    }

    private static int nonNegative(String flag, String value, String env) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(flag, value, env, "a whole number, 0 or more");
    }

    private static boolean bool(String flag, String value, String env) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw bad(flag, value, env, "true or false");
        };
    }

    private static UsageException bad(String flag, String value, String env, String expected) {
        return new UsageException(flag + "='" + value + "' (or env " + env + ") is not " + expected);
    }
}
