package quantum.safety.web.audit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One page of archived events, newest first, and where the next (older) page starts.
 *
 * @param olderBefore where the next page starts (strictly before this page's oldest stream id), empty when this page
 *                    reaches {@code since}
 */
record AuditResult(AuditRequest request, long sinceMillis, long untilMillis, List<AuditEntry> entries,
                   Optional<AuditCursor> olderBefore) {

    /**
     * Asks the source for one entry more than the limit, to know whether an older page exists. The next page keeps
     * the same range and starts below this page's oldest stream id, so entries sharing a millisecond are neither
     * repeated nor skipped, however many there are.
     */
    static AuditResult read(AuditSource source, AuditRequest request) {
        long now = source.nowMillis();
        long since = millis("since", request.since(), now);
        long until = request.until().map(u -> millis("until", u, now)).orElse(now + 1);
        if (until <= since) {
            throw new IllegalArgumentException("until (" + request.until().map(TimeBound::describe).orElse("now")
                    + ") must be later than since (" + request.since().describe() + "), e.g. ?since=48h&until=24h");
        }
        List<AuditEntry> found = source.newest(request.stream(), since, until, request.before(), request.limit() + 1);
        if (found.size() <= request.limit()) {
            return new AuditResult(request, since, until, found, Optional.empty());
        }
        List<AuditEntry> page = found.subList(0, request.limit());
        AuditCursor next = AuditCursor.parse(page.get(page.size() - 1).id());
        return new AuditResult(request, since, until, List.copyOf(page), Optional.of(next));
    }

    private static long millis(String name, TimeBound bound, long now) {
        try {
            return bound.millis(now);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /** The query string of the next, older page: same stream, range and limit, starting below this page. */
    Optional<String> olderQuery(boolean json) {
        return olderBefore.map(b -> query(Optional.of(b), json));
    }

    /**
     * The query string of this range (as timestamps, so the link shows the same events later) from {@code before}
     * down.
     */
    String query(Optional<AuditCursor> before, boolean json) {
        return "stream=" + request.stream() + "&since=" + encode(Instant.ofEpochMilli(sinceMillis)) + "&until="
                + encode(Instant.ofEpochMilli(untilMillis)) + before.map(b -> "&before=" + b).orElse("")
                + "&limit=" + request.limit() + (json ? "&format=json" : "");
    }

    private static String encode(Instant instant) {
        return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
    }
}
