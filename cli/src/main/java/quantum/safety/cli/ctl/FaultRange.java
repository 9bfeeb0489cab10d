package quantum.safety.cli.ctl;

import java.time.Instant;
import java.util.Optional;

import quantum.safety.cli.UsageException;
import quantum.safety.exporter.status.StatusFormat;
import quantum.safety.web.audit.TimeBound;

/**
 * The range {@code ctl faults} reads, {@code [since, until)} in Unix milliseconds on the Redis server's clock, with how
 * the operator gave it, for the summary line.
 */
record FaultRange(long since, long until, TimeBound sinceBound, Optional<TimeBound> untilBound) {

    /**
     * Resolves the flags against the server's "now"; an empty or reversed range is a usage error (exit 2).
     *
     * @param sinceGiven whether the operator gave --since, or it is the default (then the message says so)
     */
    static FaultRange of(TimeBound since, boolean sinceGiven, TimeBound until, long nowMillis) {
        long from = millis("--since", since, nowMillis);
        long to = until == null ? nowMillis : millis("--until", until, nowMillis);
        if (to <= from && !sinceGiven) {
            throw new UsageException("--until (" + until.describe() + ") must be later than the start of the range, "
                    + "and without --since the range starts " + since.describe() + " (--since defaults to "
                    + FaultsCommand.DEFAULT_SINCE + "); give a --since before it as well, e.g. --since 1d");
        }
        if (to <= from) {
            throw new UsageException("--until (" + (until == null ? "now" : until.describe()) + ") must be later than "
                    + "--since (" + since.describe() + "), e.g. --since 6h --until 1h or --since "
                    + "2026-03-01T09:00:00Z --until 2026-03-01T10:30:00Z");
        }
        return new FaultRange(from, to, since, Optional.ofNullable(until));
    }

    private static long millis(String flag, TimeBound bound, long nowMillis) {
        try {
            return bound.millis(nowMillis);
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + ": " + e.getMessage(), e);
        }
    }

    /** {@code in the last 1h 0m 0s}, or {@code from 2026-03-01 09:00:00Z to 2026-03-01 10:30:00Z}. */
    String describe() {
        boolean untilNow = untilBound.map(u -> u instanceof TimeBound.Ago a && a.duration().isZero()).orElse(true);
        if (sinceBound instanceof TimeBound.Ago ago && untilNow) {
            return "in the last " + StatusFormat.duration(ago.duration().toSeconds());
        }
        return "from " + StatusFormat.time(Instant.ofEpochMilli(since)) + " to "
                + StatusFormat.time(Instant.ofEpochMilli(until));
    }
}
