package quantum.safety.archive;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XReadParams;

/**
 * The archive loop: read a batch from both streams, write it in ONE PostgreSQL transaction, acknowledge it in Redis
 * only after the commit. A crash anywhere loses nothing (unacknowledged entries are read again) and duplicates nothing
 * (the insert skips keys it has). PostgreSQL down: the batch waits, nothing is acknowledged, retries back off. Redis
 * down or restarted: the groups are checked again (recreated when gone) and their pending entries re-read. Nothing
 * here ends the loop but {@link #stop()}, which lets the current batch finish.
 */
public final class Archiver implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Archiver.class);
    private static final Duration LAG_REFRESH = Duration.ofSeconds(1);

    private final UnifiedJedis redis;
    private final List<StreamReader> readers = new ArrayList<>();
    private final EventStore store;
    private final ArchiveMetrics metrics;
    private final int batchSize;
    private final Duration block;
    private final Clock clock;
    private final Pause pause = new Pause(Duration.ofMillis(100), Duration.ofSeconds(5));
    private final UnreadableStreams unreadable;
    private volatile boolean stopping;
    private volatile boolean migrated;
    private LocalDate partitionsCheckedOn;
    private long lagRefreshedAt;

    public Archiver(UnifiedJedis redis, RedisSchema schema, PostgresTarget target, ArchiveMetrics metrics,
                    int batchSize, Duration block) {
        this.redis = redis;
        this.store = new EventStore(target);
        this.metrics = metrics;
        this.batchSize = batchSize;
        this.block = block;
        this.clock = Clock.systemUTC();
        this.unreadable = new UnreadableStreams(metrics);
        for (ArchiveStream stream : ArchiveStream.values()) {
            readers.add(new StreamReader(new StreamGroup(redis, stream, stream.key(schema)), metrics));
        }
    }

    /** Asks the loop to end after the batch in hand is committed and acknowledged (or left pending). */
    public void stop() {
        stopping = true;
        pause.wake();
    }

    /** Ready: the schema is migrated and both Redis and PostgreSQL answered their last call. */
    public boolean ready() {
        return migrated && metrics.redisUp() && metrics.postgresUp();
    }

    @Override
    public void run() {
        while (!stopping) {
            try {
                prepareDatabase();
                Map<StreamReader, StreamReader.Read> batch = readBatch();
                if (batch.isEmpty()) {
                    refreshLag(true);
                    waitForEntries();
                } else if (commit(batch)) {
                    acknowledge(batch);
                    refreshLag(false);
                }
                pause.reset();
            } catch (JedisException e) {
                redisFailed(e);
            } catch (SQLException e) {
                postgresFailed(e);
            } catch (RuntimeException e) {
                // A bug or an answer we did not expect: logged and retried like an outage, never fatal.
                LOG.error("archive loop failed; retrying", e);
                redisFailed(e);
            }
        }
        store.close();
        LOG.info("archiver stopped");
    }

    private void prepareDatabase() throws SQLException {
        if (!migrated) {
            int applied;
            try {
                applied = ArchiveSchema.migrate(store.target());
            } catch (org.flywaydb.core.api.FlywayException e) {
                SQLException cause = rootSqlException(e);
                throw cause != null ? cause : new SQLException("schema migration failed: " + e.getMessage(), e);
            }
            metrics.postgresUp(true);
            LOG.info("archive schema ready in {} ({} migrations applied)", store.target().describe(), applied);
            for (ArchiveStream stream : ArchiveStream.values()) {
                store.lastArchived(stream).ifPresent(id -> metrics.lastArchived(stream, id));
            }
            migrated = true;
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (!today.equals(partitionsCheckedOn)) {
            try {
                ArchiveSchema.ensurePartitions(store.connection(), today);
            } catch (SQLException e) {
                store.drop();
                throw e;
            }
            partitionsCheckedOn = today;
        }
    }

    private Map<StreamReader, StreamReader.Read> readBatch() throws SQLException {
        Map<StreamReader, StreamReader.Read> batch = new HashMap<>();
        for (StreamReader reader : readers) {
            StreamReader.Read read;
            try {
                read = reader.next(batchSize, store);
            } catch (JedisDataException e) {
                if (!UnreadableStreams.isKeyProblem(e)) {
                    throw e;
                }
                unreadable.failed(reader, e);
                continue;
            }
            unreadable.readable(reader);
            if (!read.isEmpty()) {
                batch.put(reader, read);
            }
        }
        metrics.redisUp(true);
        return batch;
    }

    /** Commits the batch, retrying while PostgreSQL fails; false when asked to stop first (nothing acknowledged). */
    private boolean commit(Map<StreamReader, StreamReader.Read> batch) {
        List<ArchivedEvent> events = new ArrayList<>();
        batch.values().forEach(read -> events.addAll(read.events()));
        while (true) {
            try {
                EventStore.Committed committed = store.write(events);
                metrics.postgresUp(true);
                for (StreamReader reader : batch.keySet()) {
                    ArchiveStream stream = reader.stream();
                    metrics.committed(stream, committed.added(stream), committed.invalid(stream));
                    reader.lastId(batch.get(reader)).ifPresent(id -> metrics.lastArchived(stream, id));
                }
                return true;
            } catch (SQLException e) {
                postgresFailed(e);
                if (stopping) {
                    LOG.info("stopping with {} entries not committed; they stay pending in Redis", events.size());
                    return false;
                }
            }
        }
    }

    private void acknowledge(Map<StreamReader, StreamReader.Read> batch) {
        for (Map.Entry<StreamReader, StreamReader.Read> entry : batch.entrySet()) {
            entry.getKey().group().ack(entry.getValue().ids());
        }
    }

    private void refreshLag(boolean idle) {
        long now = System.nanoTime();
        if (!idle && now - lagRefreshedAt < LAG_REFRESH.toNanos()) {
            return;
        }
        for (StreamReader reader : readers) {
            try {
                LagProbe.refresh(reader.group(), metrics);
            } catch (JedisDataException e) {
                if (!UnreadableStreams.isKeyProblem(e)) {
                    throw e;
                }
                unreadable.failed(reader, e);
            }
        }
        lagRefreshedAt = now;
    }

    /**
     * Blocks until a readable stream has an entry the group has not been given, or the block time passes. An
     * unreadable key is left out of the XREAD, which would otherwise fail for all; with none readable, it just waits.
     */
    private void waitForEntries() {
        Map<String, StreamEntryID> after = new HashMap<>();
        for (StreamReader reader : readers) {
            if (!unreadable.isUnreadable(reader)) {
                StreamId delivered = reader.group().state().lastDelivered();
                after.put(reader.group().key(), new StreamEntryID(delivered.millis(), delivered.sequence()));
            }
        }
        if (after.isEmpty()) {
            pause.waitFor(block);
            return;
        }
        try {
            redis.xread(XReadParams.xReadParams().count(1).block((int) block.toMillis()), after);
        } catch (JedisDataException e) {
            // The key changed type since it was read: the next batch finds out which one and names it.
            if (!UnreadableStreams.isKeyProblem(e)) {
                throw e;
            }
        }
    }

    private void redisFailed(RuntimeException e) {
        metrics.error(ArchiveMetrics.Stage.REDIS);
        metrics.redisUp(false);
        lagUnknown();
        readers.forEach(StreamReader::reset);
        LOG.warn("Redis: {}; retrying", oneLine(e));
        pause.backOff();
    }

    private void postgresFailed(SQLException e) {
        metrics.error(ArchiveMetrics.Stage.POSTGRES);
        metrics.postgresUp(false);
        LOG.warn("PostgreSQL ({}): {}; nothing acknowledged, retrying", e.getSQLState(),
                PostgresTrouble.explain(store.target(), e));
        refreshLagWhileWaiting();
        pause.backOff();
    }

    /** While PostgreSQL is down the lag still grows, and the metrics must show it; Redis trouble here is counted. */
    private void refreshLagWhileWaiting() {
        try {
            refreshLag(false);
            metrics.redisUp(true);
        } catch (JedisException e) {
            metrics.error(ArchiveMetrics.Stage.REDIS);
            metrics.redisUp(false);
            lagUnknown();
        }
    }

    /** Redis did not answer: the last lag read is no longer known, and a frozen 0 would look caught up. */
    private void lagUnknown() {
        for (ArchiveStream stream : ArchiveStream.values()) {
            metrics.lagUnknown(stream);
        }
    }

    private static SQLException rootSqlException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    private static String oneLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return e.getClass().getSimpleName() + ": " + (newline < 0 ? message : message.substring(0, newline));
    }
}
