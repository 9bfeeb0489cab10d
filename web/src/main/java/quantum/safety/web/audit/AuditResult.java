package quantum.safety.web.audit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One page of archived events, newest first, and where the next (older) page starts.
 *
 * @param olderUntil the {@code until} of the next page, empty when this page reaches {@code since}
 */
record AuditResult(AuditRequest request, long sinceMillis, long untilMillis, List<AuditEntry> entries,
                   Optional<Long> olderUntil) {

    /**
     * Asks the source for one entry more than the limit, to know whether an older page exists. The next page ends
     * where this one's oldest entry is; when the first entry left out shares its millisecond, the next page ends a
     * millisecond later instead and shows that entry again rather than skip its neighbours.
     */
    static AuditResult read(AuditSource source, AuditRequest request) {
        long now = source.nowMillis();
        long since = request.since().millis(now);
        long until = request.until().map(u -> u.millis(now)).orElse(now + 1);
        if (until <= since) {
            throw new IllegalArgumentException("until (" + request.until().map(TimeBound::describe).orElse("now")
                    + ") must be later than since (" + request.since().describe() + "), e.g. ?since=48h&until=24h");
        }
        List<AuditEntry> found = source.newest(request.stream(), since, until, request.limit() + 1);
        if (found.size() <= request.limit()) {
            return new AuditResult(request, since, until, found, Optional.empty());
        }
        List<AuditEntry> page = found.subList(0, request.limit());
        long oldest = page.get(page.size() - 1).time().toEpochMilli();
        long next = found.get(request.limit()).time().toEpochMilli() == oldest ? oldest + 1 : oldest;
        return new AuditResult(request, since, until, List.copyOf(page), Optional.of(next));
    }

    /** The query string of the next, older page: same stream, limit and since, until moved back. */
    Optional<String> olderQuery(boolean json) {
        return olderUntil.map(u -> query(u, json));
    }

    /** The query string of this range up to {@code until}, as timestamps, so the link shows the same events later. */
    String query(long until, boolean json) {
        return "stream=" + request.stream() + "&since=" + encode(Instant.ofEpochMilli(sinceMillis)) + "&until="
                + encode(Instant.ofEpochMilli(until)) + "&limit=" + request.limit() + (json ? "&format=json" : "");
    }

    private static String encode(Instant instant) {
        return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
    }
}
