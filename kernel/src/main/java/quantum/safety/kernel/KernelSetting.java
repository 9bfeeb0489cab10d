package quantum.safety.kernel;

import quantum.safety.kernel.settings.Setting;
import quantum.safety.kernel.settings.SettingRow;

/**
 * The kernel's settings table: every setting of {@link KernelConfig} with its flag ({@code kernel decide}, {@code ctl}),
 * its env name, the legacy kernel's env name where there was one, its default, unit and help. {@link KernelConfig#fromEnv}
 * reads it, the command line takes its defaults and help from it, and the README's kernel table is generated from it.
 */
public enum KernelSetting implements SettingRow {

    WINDOW(Setting.builder().flag("--window").env("QUANTUM_SAFETY_WINDOW_SEC").legacyEnv("SAFETY_WINDOW_SEC")
            .defaultValue(Integer.toString(KernelConfig.DEFAULT_WINDOW_SEC)).unit("seconds")
            .help("Rate window; a bare number is seconds, e.g. 10, 10s or 1m. The bucket is floor(server_time / "
                    + "window); every kernel sharing one Redis must use the same (readers take the one kernels publish).")),
    GLOBAL_MAX(Setting.builder().flag("--global-max").env("QUANTUM_SAFETY_GLOBAL_MAX")
            .legacyEnv("SAFETY_GLOBAL_MAX_INTENTS_PER_WINDOW")
            .defaultValue(Integer.toString(KernelConfig.DEFAULT_GLOBAL_MAX)).unit("intents")
            .help("Intents per window, all symbols; the next one trips SAFE MODE.")),
    SYMBOL_MAX(Setting.builder().flag("--symbol-max").env("QUANTUM_SAFETY_SYMBOL_MAX")
            .legacyEnv("SAFETY_SYMBOL_MAX_INTENTS_PER_WINDOW")
            .defaultValue(Integer.toString(KernelConfig.DEFAULT_SYMBOL_MAX)).unit("intents")
            .help("Intents per window for one symbol; the next one trips SAFE MODE.")),
    COOLDOWN(Setting.builder().flag("--cooldown").env("QUANTUM_SAFETY_COOLDOWN_SEC").legacyEnv("SAFETY_FAULT_COOLDOWN_SEC")
            .defaultValue(Integer.toString(KernelConfig.DEFAULT_COOLDOWN_SEC)).unit("seconds")
            .help("How long a trip keeps SAFE MODE on, e.g. 300 or 5m.")),
    FAIL_POLICY(Setting.builder().flag("--fail-policy").env("QUANTUM_SAFETY_FAIL_POLICY").defaultValue("closed")
            .unit("open|closed")
            .help("When Redis is unavailable (down, slow past --decision-timeout, busy, refusing writes) and the last "
                    + "state read does not block anyway: closed blocks (FAIL_CLOSED_ERROR); open allows "
                    + "(FAIL_OPEN_ERROR, as the legacy kernel did), capped by --fail-open-global-max and "
                    + "--fail-open-symbol-max. Garbage in Redis and configuration errors block either way.")),
    DECISION_TIMEOUT(Setting.builder().flag("--decision-timeout").env("QUANTUM_SAFETY_DECISION_TIMEOUT_MS")
            .defaultValue(KernelConfig.DEFAULT_DECISION_TIMEOUT_MS + "ms").unit("milliseconds")
            .help("The most one decision waits on Redis, pool wait and connect included; a bare number is "
                    + "milliseconds, e.g. 250 or 250ms (0 and less refused). Past it the last known state, then "
                    + "--fail-policy, decides.")),
    FAIL_OPEN_GLOBAL_MAX(Setting.builder().flag("--fail-open-global-max").env("QUANTUM_SAFETY_FAIL_OPEN_GLOBAL_MAX")
            .shownDefault("--global-max").unit("decisions")
            .help("With --fail-policy=open: fail-open decisions per window in this process, all symbols; beyond it the "
                    + "kernel fails closed. 0 never fails open.")),
    FAIL_OPEN_SYMBOL_MAX(Setting.builder().flag("--fail-open-symbol-max").env("QUANTUM_SAFETY_FAIL_OPEN_SYMBOL_MAX")
            .shownDefault("--symbol-max").unit("decisions")
            .help("With --fail-policy=open: fail-open decisions per window in this process for one symbol.")),
    LATCHED_TRIPS(Setting.builder().flag("--latched-trips").env("QUANTUM_SAFETY_LATCHED_TRIPS").defaultValue("false")
            .unit("true|false").help("Trips set SAFE MODE without TTL; only an operator clears it.")),
    ESCALATE_COOLDOWN(Setting.builder().flag("--escalate-cooldown").env("QUANTUM_SAFETY_ESCALATE_COOLDOWN")
            .defaultValue("false").unit("true|false")
            .help("Each trip within --escalation-period of the previous one doubles the cooldown (cooldown × "
                    + "2^(n−1) for the n-th), up to --max-cooldown.")),
    MAX_COOLDOWN(Setting.builder().flag("--max-cooldown").env("QUANTUM_SAFETY_MAX_COOLDOWN_SEC")
            .defaultValue(Integer.toString(KernelConfig.DEFAULT_MAX_COOLDOWN_SEC)).unit("seconds")
            .help("Cap of the escalating cooldown, e.g. 3600 or 1h.")),
    ESCALATION_PERIOD(Setting.builder().flag("--escalation-period").env("QUANTUM_SAFETY_ESCALATION_PERIOD_SEC")
            .defaultValue(Integer.toString(KernelConfig.DEFAULT_ESCALATION_PERIOD_SEC)).unit("seconds")
            .help("Trips this close together escalate (the TTL of safety:trip_streak).")),
    REDUCE_ONLY_IN_SAFE_MODE(Setting.builder().flag("--reduce-only-in-safe-mode")
            .env("QUANTUM_SAFETY_REDUCE_ONLY_IN_SAFE_MODE").defaultValue("allow").unit("allow|block")
            .help("Whether reduce-only intents pass SAFE MODE (REDUCE_ONLY_ALLOWED, within --reduce-only-symbol-max "
                    + "and --reduce-only-global-max) so exits are never trapped; the kill switch blocks them "
                    + "regardless.")),
    REDUCE_ONLY_SYMBOL_MAX(Setting.builder().flag("--reduce-only-symbol-max")
            .env("QUANTUM_SAFETY_REDUCE_ONLY_SYMBOL_MAX").shownDefault("--symbol-max").unit("intents")
            .help("Reduce-only intents of one symbol let through SAFE MODE per window, fleet-wide; beyond it they are "
                    + "blocked (REDUCE_ONLY_RATE_EXCEEDED). 0 blocks them all.")),
    REDUCE_ONLY_GLOBAL_MAX(Setting.builder().flag("--reduce-only-global-max")
            .env("QUANTUM_SAFETY_REDUCE_ONLY_GLOBAL_MAX").shownDefault("--global-max").unit("intents")
            .help("Reduce-only intents of all symbols together let through SAFE MODE per window, fleet-wide (the "
                    + "symbol is the caller's text, so a per-symbol limit alone multiplies with every spelling). 0 "
                    + "blocks them all.")),
    KERNEL_ID(Setting.builder().flag("--kernel-id").env("QUANTUM_SAFETY_KERNEL_ID").shownDefault("<hostname>-<pid>")
            .unit("text").help("Names this kernel in fault and audit events (kernel_id, actor kernel:<id>); the "
                    + "default's host name is HOSTNAME when exported, else the system's (as hostname prints it).")),
    TRIP_REPLICA_ACKS(Setting.builder().flag("--trip-replica-acks").env("QUANTUM_SAFETY_TRIP_REPLICA_ACKS")
            .defaultValue("0").unit("replicas")
            .help("After a trip, wait (WAIT N) until N replicas hold it, so a failover cannot lose SAFE MODE; 0 does "
                    + "not wait. Only trips wait; the trip blocks whatever the answer. E.g. 1.")),
    TRIP_ACK_TIMEOUT(Setting.builder().flag("--trip-ack-timeout-ms").env("QUANTUM_SAFETY_TRIP_ACK_TIMEOUT_MS")
            .defaultValue(Long.toString(KernelConfig.DEFAULT_TRIP_ACK_TIMEOUT.toMillis())).unit("milliseconds")
            .help("How long a trip waits for --trip-replica-acks, e.g. 200; keep it below the Redis socket timeout.")),
    SAFE_MODE_DEFAULT(Setting.builder().legacyEnv("SAFETY_SAFE_MODE_DEFAULT").shownDefault("–")
            .help("Accepted and, as in the legacy kernel, ignored."));

    private final Setting setting;

    KernelSetting(Setting.Builder setting) {
        this.setting = setting.build();
    }

    @Override
    public Setting setting() {
        return setting;
    }
}
