package quantum.safety.cli.ctl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import quantum.safety.kernel.FaultEvent;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;

/**
 * The faults of a time range from the Redis stream and, for the part older than the stream's oldest entry (trimmed
 * away), from the archive: one list, oldest first, each stream id once, filters and the limit applied to the union.
 * <p>
 * Stream ids only grow, so every event the archive holds for the older part is older than every event of the stream:
 * when the stream alone yields {@code limit} matching events they are the newest of the union and the archive is not
 * asked at all.
 */
final class FaultHistory {

    /** Where an event was read. */
    enum Source { STREAM, ARCHIVE }

    record Sourced(FaultEvent event, Source source) {
    }

    /**
     * @param faults        oldest first, at most the limit
     * @param stream        the stream part, for its scan counts
     * @param streamBegins  the time of the stream's oldest entry when the range reaches further back; empty when the
     *                      stream covers the whole range (or is empty)
     * @param archiveAsked  whether the archive was read (or tried)
     * @param archiveError  why the archive could not answer; the result then holds the stream part only
     */
    record Result(List<Sourced> faults, FaultQuery.Result stream, Optional<Long> streamBegins, boolean archiveAsked,
                  Optional<String> archiveError) {

        long fromArchive() {
            return faults.stream().filter(f -> f.source() == Source.ARCHIVE).count();
        }
    }

    private static final Comparator<Sourced> BY_ID = Comparator.comparing(s -> new StreamEntryID(s.event().id()));

    private FaultHistory() {
    }

    static Result read(UnifiedJedis redis, String key, long sinceMillis, long untilMillis, Map<String, String> filters,
                       int limit, Optional<FaultArchive> archive) {
        FaultQuery.Result stream = FaultQuery.newest(redis, key, sinceMillis, untilMillis, matching(filters), limit);
        List<Sourced> fromStream = stream.faults().stream().map(e -> new Sourced(e, Source.STREAM)).toList();
        Optional<StreamEntryID> first = FaultQuery.firstId(redis, key);
        // An empty stream has no boundary to tell: the whole range is the archive's, and without one nothing is said.
        long olderUntil = Math.min(untilMillis, first.map(id -> id.getTime() + 1).orElse(untilMillis));
        boolean reachesPast = first.map(id -> sinceMillis < id.getTime()).orElse(archive.isPresent());
        Optional<Long> begins = first.filter(id -> sinceMillis < id.getTime()).map(StreamEntryID::getTime);
        if (!reachesPast || fromStream.size() >= limit || !stream.complete() || archive.isEmpty()) {
            return new Result(fromStream, stream, begins, false, Optional.empty());
        }
        List<FaultEvent> older;
        try {
            older = archive.get().newest(sinceMillis, olderUntil, filters, limit);
        } catch (FaultArchive.Unavailable e) {
            return new Result(fromStream, stream, begins, true, Optional.of(e.getMessage()));
        }
        return new Result(union(fromStream, older, limit), stream, begins, true, Optional.empty());
    }

    /** Events whose fields equal every filter (exact match, as the archive's columns are compared). */
    static Predicate<FaultEvent> matching(Map<String, String> filters) {
        return e -> filters.entrySet().stream().allMatch(f -> f.getValue().equals(e.fields().get(f.getKey())));
    }

    /** Stream events win over archived ones with the same id (the same event); the newest {@code limit}, oldest first. */
    static List<Sourced> union(List<Sourced> fromStream, List<FaultEvent> fromArchive, int limit) {
        Map<String, Sourced> byId = new LinkedHashMap<>();
        fromArchive.forEach(e -> byId.put(e.id(), new Sourced(e, Source.ARCHIVE)));
        fromStream.forEach(s -> byId.put(s.event().id(), s));
        List<Sourced> all = new ArrayList<>(byId.values());
        all.sort(BY_ID);
        return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
    }
}
