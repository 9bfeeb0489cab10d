package quantum.safety.kernel;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The kernel's settings: an immutable snapshot made by {@link #builder()} or {@link #fromEnv(Map)}.
 *
 * <p>Limits default to the legacy kernel's: 10 s window, 20 intents per window overall, 5 per symbol, 300 s
 * cooldown. Unlike the legacy kernel, the fail policy defaults to {@code closed} and a decision has a deadline of
 * {@value #DEFAULT_DECISION_TIMEOUT_MS} ms. Reduce-only intents pass SAFE MODE, within their own per-symbol limit.
 * Everything else new is off by default.
 */
public final class KernelConfig {

    public static final int DEFAULT_WINDOW_SEC = 10;
    public static final int DEFAULT_GLOBAL_MAX = 20;
    public static final int DEFAULT_SYMBOL_MAX = 5;
    public static final int DEFAULT_COOLDOWN_SEC = 300;
    public static final int DEFAULT_MAX_COOLDOWN_SEC = 3600;
    public static final int DEFAULT_ESCALATION_PERIOD_SEC = 3600;
    public static final Duration DEFAULT_FAIL_LOG_INTERVAL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_TRIP_ACK_TIMEOUT = Duration.ofMillis(200);
    public static final long DEFAULT_DECISION_TIMEOUT_MS = 250;
    public static final Duration DEFAULT_DECISION_TIMEOUT = Duration.ofMillis(DEFAULT_DECISION_TIMEOUT_MS);

    private final int windowSeconds;
    private final int globalMax;
    private final int symbolMax;
    private final int cooldownSeconds;
    private final FailPolicy failPolicy;
    private final boolean latchedTrips;
    private final boolean escalateCooldown;
    private final int maxCooldownSeconds;
    private final int escalationPeriodSeconds;
    private final boolean reduceOnlyPassesSafeMode;
    private final Duration failLogInterval;
    private final String kernelId;
    private final int tripReplicaAcks;
    private final Duration tripAckTimeout;
    private final Duration decisionTimeout;
    private final int failOpenGlobalMax;
    private final int failOpenSymbolMax;
    private final int reduceOnlySymbolMax;
    private final int reduceOnlyGlobalMax;

    private KernelConfig(Builder b) {
        this.windowSeconds = b.windowSeconds;
        this.globalMax = b.globalMax;
        this.symbolMax = b.symbolMax;
        this.cooldownSeconds = b.cooldownSeconds;
        this.failPolicy = b.failPolicy;
        this.latchedTrips = b.latchedTrips;
        this.escalateCooldown = b.escalateCooldown;
        this.maxCooldownSeconds = b.maxCooldownSeconds;
        this.escalationPeriodSeconds = b.escalationPeriodSeconds;
        this.reduceOnlyPassesSafeMode = b.reduceOnlyPassesSafeMode;
        this.failLogInterval = b.failLogInterval;
        this.kernelId = b.kernelId;
        this.tripReplicaAcks = b.tripReplicaAcks;
        this.tripAckTimeout = b.tripAckTimeout;
        this.decisionTimeout = b.decisionTimeout;
        this.failOpenGlobalMax = b.failOpenGlobalMax != null ? b.failOpenGlobalMax : b.globalMax;
        this.failOpenSymbolMax = b.failOpenSymbolMax != null ? b.failOpenSymbolMax : b.symbolMax;
        this.reduceOnlySymbolMax = b.reduceOnlySymbolMax != null ? b.reduceOnlySymbolMax : b.symbolMax;
        this.reduceOnlyGlobalMax = b.reduceOnlyGlobalMax != null ? b.reduceOnlyGlobalMax : b.globalMax;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The legacy defaults. */
    public static KernelConfig defaults() {
        return builder().build();
    }

    /**
     * Reads the environment: each setting from its {@code QUANTUM_SAFETY_*} name, else the legacy {@code SAFETY_*}
     * name, else the default (see {@link KernelSetting}). A bad value throws {@link IllegalArgumentException} naming
     * the variable and the fix.
     */
    public static KernelConfig fromEnv(Map<String, String> env) {
        return KernelConfigEnv.read(env);
    }

    /** {@code allow} or {@code block}: whether reduce-only intents pass SAFE MODE. */
    public static boolean parseReduceOnlyPolicy(String text, String source) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "allow" -> true;
            case "block" -> false;
            default -> throw new IllegalArgumentException(source + "='" + text + "' is not understood; use allow or block");
        };
    }

    /** Seconds per rate window; the bucket is {@code floor(server_time / window)}. */
    public int windowSeconds() {
        return windowSeconds;
    }

    /** Intents per window, all symbols, before a trip (a trip needs strictly more). */
    public int globalMax() {
        return globalMax;
    }

    /** Intents per window for one symbol before a trip (a trip needs strictly more). */
    public int symbolMax() {
        return symbolMax;
    }

    /** How long a trip keeps SAFE MODE on (the first trip's, when escalating). */
    public int cooldownSeconds() {
        return cooldownSeconds;
    }

    public FailPolicy failPolicy() {
        return failPolicy;
    }

    /** Trips set SAFE MODE without TTL: only an operator clears it. */
    public boolean latchedTrips() {
        return latchedTrips;
    }

    /** Each trip within {@link #escalationPeriodSeconds()} of the previous doubles the cooldown, up to the max. */
    public boolean escalateCooldown() {
        return escalateCooldown;
    }

    public int maxCooldownSeconds() {
        return maxCooldownSeconds;
    }

    public int escalationPeriodSeconds() {
        return escalationPeriodSeconds;
    }

    /** Reduce-only intents pass SAFE MODE (counted, reason REDUCE_ONLY_ALLOWED); the kill switch still blocks them. */
    public boolean reduceOnlyPassesSafeMode() {
        return reduceOnlyPassesSafeMode;
    }

    /** At most one log line per this interval while Redis cannot decide. */
    public Duration failLogInterval() {
        return failLogInterval;
    }

    /** Names this kernel in fault and audit events ({@code kernel_id}, actor {@code kernel:<id>}). */
    public String kernelId() {
        return kernelId;
    }

    /**
     * Replicas that must acknowledge a trip before {@link SafetyKernel#decide} returns it; 0 (the default) does not
     * wait. Replication is asynchronous: without this a failover right after a trip can promote a replica that never
     * saw it, and SAFE MODE is lost. With it the kernel sends {@code WAIT} after a trip (never on other decisions).
     */
    public int tripReplicaAcks() {
        return tripReplicaAcks;
    }

    /**
     * How long a trip waits for {@link #tripReplicaAcks()}; the trip stands (and blocks) whatever the answer. Keep it
     * below the Redis socket timeout, or the client gives up first and the acknowledgement count reads -1.
     */
    public Duration tripAckTimeout() {
        return tripAckTimeout;
    }

    /**
     * The most one decision may take, pool wait, connect and socket included; past it Redis counts as unavailable
     * and the last known state or the fail policy answers. Clients opened by {@code RedisConnector.forDecisions}
     * enforce it on every read; any client must have a pool whose max wait is at most this.
     */
    public Duration decisionTimeout() {
        return decisionTimeout;
    }

    /** Under {@link FailPolicy#OPEN}: fail-open allowances per window in this process, all symbols; then closed. */
    public int failOpenGlobalMax() {
        return failOpenGlobalMax;
    }

    /** Under {@link FailPolicy#OPEN}: fail-open allowances per window in this process for one symbol. */
    public int failOpenSymbolMax() {
        return failOpenSymbolMax;
    }

    /**
     * Reduce-only intents of one symbol let through SAFE MODE per window (fleet-wide, counted in Redis); beyond it
     * they are blocked with {@link Reason#REDUCE_ONLY_RATE_EXCEEDED}. 0 blocks them all.
     */
    public int reduceOnlySymbolMax() {
        return reduceOnlySymbolMax;
    }

    /**
     * Reduce-only intents of all symbols together let through SAFE MODE per window (fleet-wide), because the symbol is
     * the caller's text and a per-symbol limit alone multiplies with every spelling. 0 blocks them all.
     */
    public int reduceOnlyGlobalMax() {
        return reduceOnlyGlobalMax;
    }

    @Override
    public String toString() {
        return "KernelConfig[window=" + windowSeconds + "s, globalMax=" + globalMax + ", symbolMax=" + symbolMax
                + ", cooldown=" + cooldownSeconds + "s, failPolicy=" + failPolicy + ", latchedTrips=" + latchedTrips
                + ", escalateCooldown=" + escalateCooldown + " (max " + maxCooldownSeconds + "s, period "
                + escalationPeriodSeconds + "s), reduceOnlyPassesSafeMode=" + reduceOnlyPassesSafeMode
                + " (max " + reduceOnlySymbolMax + " per symbol, " + reduceOnlyGlobalMax + " in all), kernelId="
                + kernelId + ", tripReplicaAcks=" + tripReplicaAcks + " (timeout " + tripAckTimeout.toMillis()
                + "ms), decisionTimeout="
                + decisionTimeout.toMillis() + "ms, failOpenMax=" + failOpenGlobalMax + "/" + failOpenSymbolMax + "]";
    }

    public static final class Builder {
        private int windowSeconds = DEFAULT_WINDOW_SEC;
        private int globalMax = DEFAULT_GLOBAL_MAX;
        private int symbolMax = DEFAULT_SYMBOL_MAX;
        private int cooldownSeconds = DEFAULT_COOLDOWN_SEC;
        private FailPolicy failPolicy = FailPolicy.CLOSED;
        private boolean latchedTrips;
        private boolean escalateCooldown;
        private int maxCooldownSeconds = DEFAULT_MAX_COOLDOWN_SEC;
        private int escalationPeriodSeconds = DEFAULT_ESCALATION_PERIOD_SEC;
        private boolean reduceOnlyPassesSafeMode = true;
        private Duration failLogInterval = DEFAULT_FAIL_LOG_INTERVAL;
        private String kernelId = KernelConfigEnv.defaultKernelId();
        private int tripReplicaAcks;
        private Duration tripAckTimeout = DEFAULT_TRIP_ACK_TIMEOUT;
        private Duration decisionTimeout = DEFAULT_DECISION_TIMEOUT;
        private Integer failOpenGlobalMax;
        private Integer failOpenSymbolMax;
        private Integer reduceOnlySymbolMax;
        private Integer reduceOnlyGlobalMax;

        private Builder() {
        }

        /** Default: the global max. */
        public Builder reduceOnlyGlobalMax(int value) {
            this.reduceOnlyGlobalMax = value;
            return this;
        }

        public Builder decisionTimeout(Duration value) {
            this.decisionTimeout = value;
            return this;
        }

        /** Default: the global max. */
        public Builder failOpenGlobalMax(int value) {
            this.failOpenGlobalMax = value;
            return this;
        }

        /** Default: the symbol max. */
        public Builder failOpenSymbolMax(int value) {
            this.failOpenSymbolMax = value;
            return this;
        }

        /** Default: the symbol max. */
        public Builder reduceOnlySymbolMax(int value) {
            this.reduceOnlySymbolMax = value;
            return this;
        }

        public Builder tripReplicaAcks(int value) {
            this.tripReplicaAcks = value;
            return this;
        }

        public Builder tripAckTimeout(Duration value) {
            this.tripAckTimeout = value;
            return this;
        }

        public Builder windowSeconds(int value) {
            this.windowSeconds = value;
            return this;
        }

        public Builder globalMax(int value) {
            this.globalMax = value;
            return this;
        }

        public Builder symbolMax(int value) {
            this.symbolMax = value;
            return this;
        }

        public Builder cooldownSeconds(int value) {
            this.cooldownSeconds = value;
            return this;
        }

        public Builder failPolicy(FailPolicy value) {
            this.failPolicy = value;
            return this;
        }

        public Builder latchedTrips(boolean value) {
            this.latchedTrips = value;
            return this;
        }

        public Builder escalateCooldown(boolean value) {
            this.escalateCooldown = value;
            return this;
        }

        public Builder maxCooldownSeconds(int value) {
            this.maxCooldownSeconds = value;
            return this;
        }

        public Builder escalationPeriodSeconds(int value) {
            this.escalationPeriodSeconds = value;
            return this;
        }

        public Builder reduceOnlyPassesSafeMode(boolean value) {
            this.reduceOnlyPassesSafeMode = value;
            return this;
        }

        public Builder failLogInterval(Duration value) {
            this.failLogInterval = value;
            return this;
        }

        public Builder kernelId(String value) {
            this.kernelId = value;
            return this;
        }

        /** Validates and builds; the message of the {@link IllegalArgumentException} names the setting. */
        public KernelConfig build() {
            return KernelConfigRules.checked(new KernelConfig(this));
        }
    }
}
