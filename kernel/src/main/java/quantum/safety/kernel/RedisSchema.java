package quantum.safety.kernel;

import java.util.Objects;

/**
 * Every Redis key the kernel writes and the exporter, ctl and doctor read, in one place.
 *
 * <p>The default prefix {@code quantum:} gives exactly the legacy key names of the system we replace, so
 * both can share one Redis during a migration. On Redis Cluster choose a prefix with a hash tag, e.g.
 * {@code {quantum}:}, so that every key a decision touches lives in one slot and the decision script can
 * run atomically.
 */
public final class RedisSchema {

    public static final String DEFAULT_PREFIX = "quantum:";

    /** Fault stream entries are trimmed to about this many, like the legacy kernel. */
    public static final int FAULT_STREAM_MAXLEN = 1000;
    /** Audit stream entries are trimmed to about this many. */
    public static final int AUDIT_STREAM_MAXLEN = 10_000;

    private final String prefix;

    private RedisSchema(String prefix) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    public static RedisSchema legacy() {
        return new RedisSchema(DEFAULT_PREFIX);
    }

    public static RedisSchema withPrefix(String prefix) {
        if (prefix.isEmpty() || prefix.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("key prefix must be non-empty and contain no white space: '" + prefix + "'");
        }
        return new RedisSchema(prefix);
    }

    public String prefix() {
        return prefix;
    }

    /**
     * Whether the prefix carries a Redis Cluster hash tag ({@code {…}} with something inside): then every key of
     * this schema hashes to the same slot, which the kernel's scripts need on Cluster.
     */
    public boolean hasHashTag() {
        int open = prefix.indexOf('{');
        int close = open < 0 ? -1 : prefix.indexOf('}', open + 1);
        return close > open + 1;
    }

    // ---- legacy keys (contract §1): names never change -------------------------------------------

    /** String "1" while SAFE MODE is on; TTL = remaining cooldown, no TTL = latched or set by hand. */
    public String safeMode() {
        return prefix + "safety:safe_mode";
    }

    /** Integer counter of intents checked in one window bucket, all symbols. */
    public String globalRate(long bucket) {
        return prefix + "safety:rate:global:" + bucket;
    }

    /** Integer counter of intents checked in one window bucket for one symbol, the symbol as the caller gave it. */
    public String symbolRate(String symbol, long bucket) {
        return prefix + "safety:rate:symbol:" + symbol + ":" + bucket;
    }

    /** Pattern that matches every legacy per-symbol counter of one bucket (for the SCAN fallback only). */
    public String symbolRatePattern(long bucket) {
        return prefix + "safety:rate:symbol:*:" + bucket;
    }

    /** Stream of trip (fault) events; trimmed with MAXLEN ~ {@value #FAULT_STREAM_MAXLEN}. */
    public String faultStream() {
        return prefix + "stream:safety.fault";
    }

    /** Stream of published trade intents, one field {@code data} with JSON; written by the router. */
    public String tradeIntentStream() {
        return prefix + "stream:trade.intent";
    }

    /** Manual kill switch: "1" blocks every order, "0" lets them go. */
    public String killSwitch() {
        return prefix + "kill";
    }

    /** Execution mode: TESTNET or LIVE. */
    public String executionMode() {
        return prefix + "mode";
    }

    /** Governor gate: ENABLED or DISABLED. */
    public String governorGate() {
        return prefix + "governor:execution";
    }

    // ---- keys new in Quantum Safety ---------------------------------------------------------------

    /**
     * Sorted set of symbol -> intents checked in one window bucket, written by the decision script next to the
     * legacy counters (same TTL), so the top symbols are one ZREVRANGE instead of a keyspace scan.
     */
    public String symbolRanking(long bucket) {
        return prefix + "safety:rate:top:" + bucket;
    }

    /**
     * Integer counter of reduce-only intents let through SAFE MODE in one window bucket for one symbol: the limit
     * that keeps "reduce-only" from becoming a way around SAFE MODE. Same lifetime as the legacy counters.
     */
    public String reduceOnlyRate(String symbol, long bucket) {
        return prefix + "safety:rate:reduce_only:" + symbol + ":" + bucket;
    }

    /** Integer counter of reduce-only intents let through SAFE MODE in one window bucket, all symbols. */
    public String reduceOnlyGlobalRate(long bucket) {
        return prefix + "safety:rate:reduce_only_global:" + bucket;
    }

    /** Hash of fleet-wide decision counters: field = reason (e.g. OK, SAFE_MODE_ENABLED), value = count. */
    public String decisionCounters() {
        return prefix + "safety:decisions";
    }

    /**
     * Hash of monotonically increasing kernel totals that do not depend on stream trimming or on the Redis
     * version: {@code trips} (fault events appended), {@code audit_events}, {@code fail_open} (reported late by
     * kernels that failed open while Redis was unreachable), {@code lost_events} (fault or audit events of a trip
     * that could not be written because their stream was broken; the trip itself stood).
     */
    public String kernelTotals() {
        return prefix + "safety:totals";
    }

    /**
     * Hash describing the current SAFE MODE: {@code set_by}, {@code reason}, {@code set_at} (unix seconds),
     * {@code latched} ("1"/"0"), {@code source} ("trip" or "manual"). Deleted when SAFE MODE is cleared through
     * the kernel; a flag set by hand simply has no such hash.
     */
    public String safeModeInfo() {
        return prefix + "safety:safe_mode:info";
    }

    /** Counter of trips within the escalation period, with a TTL; drives the escalating cooldown. */
    public String tripStreak() {
        return prefix + "safety:trip_streak";
    }

    /**
     * Stream of every safety transition with who, why and when: trips, manual SAFE MODE set/clear, kill switch
     * engage/release. Trimmed with MAXLEN ~ {@value #AUDIT_STREAM_MAXLEN}. The fault stream keeps its legacy
     * meaning (trips only) because legacy readers count its entries as faults.
     */
    public String auditStream() {
        return prefix + "stream:safety.audit";
    }

    /**
     * Hash of the settings the live kernels decide with: field = kernel id, value = {@link PublishedSettings} as text,
     * with the server time it expires at. Each kernel refreshes its own field and the key's TTL, and drops fields
     * whose time has passed, so readers show the limits really in use and see when kernels disagree.
     */
    public String kernelSettings() {
        return prefix + "safety:kernels";
    }

    /** {@code floor(unixSeconds / windowSeconds)}: the legacy bucket number. */
    public static long bucket(long unixSeconds, int windowSeconds) {
        return Math.floorDiv(unixSeconds, windowSeconds);
    }
}
