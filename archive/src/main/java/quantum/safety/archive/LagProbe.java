package quantum.safety.archive;

import java.util.Optional;

/**
 * How far the archive is behind a stream, for the lag metrics: entries not yet archived (not yet delivered, plus
 * delivered and not acknowledged) and the age of the oldest of them on the Redis server's clock.
 */
final class LagProbe {

    /** Counting undelivered entries by reading them stops here (Redis 6.2 only; 7 counts them itself). */
    static final int COUNT_CAP = 100_000;

    private LagProbe() {
    }

    static void refresh(StreamGroup group, ArchiveMetrics metrics) {
        StreamSnapshot state;
        try {
            state = group.state();
        } catch (redis.clients.jedis.exceptions.JedisDataException e) {
            // No group yet (PostgreSQL was down from the start) or no stream: all it holds is not archived yet.
            long length = group.length();
            Optional<StreamId> first = length == 0 ? Optional.empty() : group.firstAfter(StreamId.ZERO);
            metrics.lag(group.stream(), length, first.map(id -> group.serverMillis() - id.millis()).orElse(0L));
            return;
        }
        long undelivered = state.lag().orElseGet(() -> group.countAfter(state.lastDelivered(), COUNT_CAP));
        Optional<StreamId> oldest = state.pending() > 0 ? group.oldestPending()
                : group.firstAfter(state.lastDelivered());
        long ageMillis = oldest.map(id -> group.serverMillis() - id.millis()).orElse(0L);
        metrics.lag(group.stream(), undelivered + state.pending(), oldest.isPresent() ? ageMillis : 0);
    }
}
