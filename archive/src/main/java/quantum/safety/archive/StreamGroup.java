package quantum.safety.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamGroupInfo;
import redis.clients.jedis.resps.StreamInfo;
import redis.clients.jedis.resps.StreamPendingSummary;

/**
 * The archive's consumer group on one stream, {@value #GROUP}: created at {@code 0} with MKSTREAM (a first start
 * backfills what the stream still holds), read from, acknowledged. Entries are acknowledged only after the commit that
 * stored them, so the group's pending list is exactly what may not be archived yet.
 */
final class StreamGroup {

    static final String GROUP = "quantum-safety-archive";
    /** One consumer: a restarted archiver must find its own pending entries under the same name. */
    static final String CONSUMER = "archiver";

    private final UnifiedJedis redis;
    private final ArchiveStream stream;
    private final String key;

    StreamGroup(UnifiedJedis redis, ArchiveStream stream, String key) {
        this.redis = redis;
        this.stream = stream;
        this.key = key;
    }

    ArchiveStream stream() {
        return stream;
    }

    String key() {
        return key;
    }

    /** Creates the group at {@code 0} (and the stream if missing); false when it already existed. */
    boolean create() {
        try {
            redis.xgroupCreate(key, GROUP, new StreamEntryID(0, 0), true);
            return true;
        } catch (JedisDataException e) {
            if (String.valueOf(e.getMessage()).startsWith("BUSYGROUP")) {
                return false;
            }
            throw e;
        }
    }

    /** Redis 7: sets the group's read counter, keeping its last delivered id, so Redis' lag and our gaps are right. */
    void setEntriesRead(StreamId lastDelivered, long entriesRead) {
        redis.sendCommand(key, Protocol.Command.XGROUP, "SETID", key, GROUP, lastDelivered.toString(), "ENTRIESREAD",
                String.valueOf(entriesRead));
    }

    /** The stream's counts now, without reading anything. */
    StreamSnapshot state() {
        try (AbstractTransaction tx = redis.multi()) {
            Response<StreamInfo> info = tx.xinfoStream(key);
            Response<List<StreamGroupInfo>> groups = tx.xinfoGroups(key);
            tx.exec();
            return snapshot(List.of(), info.get(), groups.get());
        }
    }

    /** Entries delivered before but not acknowledged (after a crash), from after {@code cursor}. */
    List<StreamEntryRead> readPending(StreamId cursor, int count) {
        return entries(redis.xreadGroup(GROUP, CONSUMER, XReadGroupParams.xReadGroupParams().count(count),
                Map.of(key, new StreamEntryID(cursor.millis(), cursor.sequence()))));
    }

    /** New entries, with the stream's and the group's state just before, in one MULTI/EXEC. */
    StreamSnapshot readNew(int count) {
        try (AbstractTransaction tx = redis.multi()) {
            Response<StreamInfo> info = tx.xinfoStream(key);
            Response<List<StreamGroupInfo>> groups = tx.xinfoGroups(key);
            Response<List<Map.Entry<String, List<StreamEntry>>>> read = tx.xreadGroup(GROUP, CONSUMER,
                    XReadGroupParams.xReadGroupParams().count(count),
                    Map.of(key, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
            tx.exec();
            return snapshot(entries(read.get()), info.get(), groups.get());
        }
    }

    void ack(List<StreamId> ids) {
        if (ids.isEmpty()) {
            return;
        }
        redis.xack(key, GROUP, ids.stream().map(id -> new StreamEntryID(id.millis(), id.sequence()))
                .toArray(StreamEntryID[]::new));
    }

    /** The oldest entry delivered to the group and not acknowledged, if any. */
    Optional<StreamId> oldestPending() {
        StreamPendingSummary summary = redis.xpending(key, GROUP);
        return summary.getTotal() == 0 || summary.getMinId() == null ? Optional.empty()
                : Optional.of(id(summary.getMinId()));
    }

    /** The oldest entry after {@code after}, if any: the oldest one the group has not been given yet. */
    Optional<StreamId> firstAfter(StreamId after) {
        List<StreamEntry> next = redis.xrange(key, "(" + after, "+", 1);
        return next.isEmpty() ? Optional.empty() : Optional.of(id(next.get(0).getID()));
    }

    /** Entries in the stream (0 when it does not exist). */
    long length() {
        return redis.xlen(key);
    }

    /** How many entries follow {@code after}, counted up to {@code cap}. */
    long countAfter(StreamId after, int cap) {
        return redis.xrange(key, "(" + after, "+", cap).size();
    }

    /** The Redis server's clock, in milliseconds: entry ids are made from it. */
    long serverMillis() {
        @SuppressWarnings("unchecked")
        List<Object> time = (List<Object>) redis.sendCommand(key, Protocol.Command.TIME);
        return Long.parseLong(text(time.get(0))) * 1000 + Long.parseLong(text(time.get(1))) / 1000;
    }

    private StreamSnapshot snapshot(List<StreamEntryRead> entries, StreamInfo info, List<StreamGroupInfo> groups) {
        Map<String, Object> stream = info.getStreamInfo();
        StreamEntry first = info.getFirstEntry();
        StreamGroupInfo group = groups.stream().filter(g -> GROUP.equals(g.getName())).findFirst()
                .orElseThrow(() -> new JedisDataException("NOGROUP the group " + GROUP + " is gone from " + key));
        return new StreamSnapshot(entries, Optional.ofNullable(first).map(e -> id(e.getID())), info.getLength(),
                number(stream.get("entries-added")), number(group.getGroupInfo().get("entries-read")),
                id(group.getLastDeliveredId()), number(group.getGroupInfo().get("lag")), group.getPending());
    }

    private static List<StreamEntryRead> entries(List<Map.Entry<String, List<StreamEntry>>> reply) {
        List<StreamEntryRead> out = new ArrayList<>();
        if (reply == null) {
            return out;
        }
        for (Map.Entry<String, List<StreamEntry>> perStream : reply) {
            for (StreamEntry entry : perStream.getValue()) {
                if (entry == null) {
                    continue;
                }
                out.add(new StreamEntryRead(id(entry.getID()), entry.getFields()));
            }
        }
        return out;
    }

    private static OptionalLong number(Object value) {
        return value instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
    }

    private static StreamId id(StreamEntryID id) {
        return new StreamId(id.getTime(), id.getSequence());
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.US_ASCII)
                : String.valueOf(value);
    }
}
