package quantum.safety.exporter.scrape;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import quantum.safety.exporter.ExporterSetting;
import quantum.safety.exporter.collect.CollectorOutput;
import quantum.safety.exporter.collect.Deadline;
import quantum.safety.exporter.collect.RedisCollector;
import quantum.safety.exporter.redis.RedisSession;
import quantum.safety.exporter.redis.RedisUnavailableException;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.log.RateLimitedLog;
import quantum.safety.kernel.settings.Setting;
import quantum.safety.state.LegacySymbolIndex;
import quantum.safety.state.RedisFeatures;
import quantum.safety.state.RedisHealth;
import quantum.safety.state.SafetyStatus;
import quantum.safety.state.StateQuery;
import quantum.safety.state.StateRead;
import quantum.safety.state.StatusLimits;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Runs one collection: one {@link StateRead} queued on one pipeline (one round trip for every fixed read), then each
 * collector renders its records in order (cheapest first), publishing each result as soon as it is ready, and last the
 * {@link SafetyStatus} the status page shows, from the same read.
 *
 * <p>Failures are values: a connection failure fails the collection ({@code redis_up 0}, errors counted, the session
 * backs off, the status page says why); an error reply or bad data fails one collector ({@code collector_success 0},
 * logged at most once per minute per collector); label values from data that break the symbol rule are replaced and
 * logged as well, at most once a minute per collector, without failing it; nothing escapes as an exception.
 */
public final class CollectionRunner implements CollectionTask {

    private static final Logger LOG = LoggerFactory.getLogger(CollectionRunner.class);

    private final RedisSession session;
    private final RedisSchema schema;
    private final StatusLimits limits;
    private final String redisAddress;
    private final List<RedisCollector> collectors;
    private final ScrapeStats stats;
    private final LegacySymbolIndex legacyIndex;
    private final RateLimitedLog log = new RateLimitedLog(LOG, RateLimitedLog.DEFAULT_INTERVAL);
    /**
     * The window the kernels published at the last collection, for the next one's buckets: one collection stays one
     * round trip unless the kernels changed their window in between (then {@link StateRead} reads the windows again).
     */
    private volatile int windowGuess;

    /**
     * @param limits       the kernel's window and limits, and how many faults and symbols the status page lists
     * @param redisAddress where Redis is, as the status page names it (never with a secret)
     */
    public CollectionRunner(RedisSession session, RedisSchema schema, StatusLimits limits, String redisAddress,
                            List<RedisCollector> collectors, ScrapeStats stats) {
        this(session, schema, limits, redisAddress, collectors, stats, null);
    }

    /**
     * @param legacyIndex how windows written by the old kernel (no ranking) are read on every collection; null: by a
     *                    scan of the keyspace each time
     */
    public CollectionRunner(RedisSession session, RedisSchema schema, StatusLimits limits, String redisAddress,
                            List<RedisCollector> collectors, ScrapeStats stats, LegacySymbolIndex legacyIndex) {
        this.legacyIndex = legacyIndex;
        this.session = session;
        this.schema = schema;
        this.limits = limits;
        this.redisAddress = redisAddress;
        this.collectors = List.copyOf(collectors);
        this.stats = stats;
        this.windowGuess = limits.windowSeconds();
    }

    @Override
    public List<String> collectorNames() {
        return collectors.stream().map(RedisCollector::name).toList();
    }

    @Override
    public void run(CollectionRun collection, Deadline deadline) {
        try {
            boolean allOk = collect(collection, deadline);
            session.succeeded();
            if (!allOk) {
                stats.failedCollections.incrementAndGet();
            }
        } catch (RedisUnavailableException e) {
            unreachable(collection, RedisHealth.down(redisAddress, e.getMessage()));
        } catch (RuntimeException e) {
            // Connection refused or reset, timeouts, an exhausted pool: Redis did not answer.
            unreachable(collection, RedisHealth.down(redisAddress, e));
            session.failed(e);
        } finally {
            collection.complete();
        }
    }

    private void unreachable(CollectionRun collection, RedisHealth health) {
        collection.redisFailed();
        collection.status(SafetyStatus.unreachable(Instant.ofEpochMilli(session.nowMillis()), health, limits));
        stats.failedCollections.incrementAndGet();
    }

    /** @return whether every collector succeeded */
    private boolean collect(CollectionRun collection, Deadline deadline) {
        UnifiedJedis jedis = session.client();
        RedisFeatures features = session.features(jedis);
        long nowMillis = session.nowMillis();
        StatusLimits guessed = new StatusLimits(windowGuess, limits.globalMax(), limits.symbolMax(),
                limits.lastFaults(), limits.topSymbols());
        StateQuery query = StateQuery.of(schema, nowMillis, guessed, features.entriesAdded());
        for (RedisCollector collector : collectors) {
            query = collector.query(query);
        }
        StateRead read;
        long started = System.nanoTime();
        try (AbstractPipeline pipeline = jedis.pipelined()) {
            read = legacyIndex != null
                    ? StateRead.queue(pipeline, query, jedis, deadline::isExpired, legacyIndex)
                    : StateRead.queue(pipeline, query, jedis, deadline::isExpired);
            Response<Object> time = session.queueTime(pipeline);
            long sent = session.localMillis();
            pipeline.sync();
            session.observeTime(time, sent, session.localMillis());
        }
        Duration roundTrip = Duration.ofNanos(System.nanoTime() - started);
        collection.redisAnswered();

        boolean allOk = true;
        for (RedisCollector collector : collectors) {
            allOk &= render(collector, read, collection);
        }
        collection.status(SafetyStatus.of(Instant.ofEpochMilli(nowMillis),
                RedisHealth.up(redisAddress, features.version(), roundTrip), limits, read, List.of()));
        noteWindow(read);
        return allOk;
    }

    /** Keeps the kernels' window for the next collection, and says once a minute when it is not the configured one. */
    private void noteWindow(StateRead read) {
        int published = read.kernels().limits(limits).windowSeconds();
        windowGuess = published;
        if (published != limits.windowSeconds()) {
            Setting window = ExporterSetting.WINDOW.setting();
            log.warn("window", "the live kernels count in a " + published + " s window, not the configured "
                    + limits.windowSeconds() + " s (" + window.flag().orElse("") + ", env " + window.env().orElse("")
                    + " or " + window.legacyEnv().orElse("") + "); reading theirs");
        }
    }

    /** @return whether the collector succeeded */
    private boolean render(RedisCollector collector, StateRead read, CollectionRun collection) {
        String name = collector.name();
        CollectorOutput out = new CollectorOutput();
        try {
            collector.render(read, out);
        } catch (JedisDataException e) {
            out.problem("Redis error: " + e.getMessage());
        } catch (JedisException e) {
            throw e;
        } catch (RuntimeException e) {
            // A bug must not take the other collectors down with it.
            LOG.error("collector {} failed", name, e);
            out.problem("internal error: " + e);
        }
        if (!out.ok()) {
            log.warn(name, "collector " + name + " failed: " + String.join("; ", out.problems()));
        }
        if (!out.notices().isEmpty()) {
            log.warn(name + " data", "collector " + name + ": " + String.join("; ", out.notices()));
        }
        collection.finished(new CollectorResult(name, out.ok(), collection.elapsedSeconds(), out.snapshots()));
        return out.ok();
    }
}
