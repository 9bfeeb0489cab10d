package quantum.safety.exporter.scrape;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import quantum.safety.exporter.RateLimitedLog;
import quantum.safety.exporter.collect.CollectContext;
import quantum.safety.exporter.collect.CollectorOutput;
import quantum.safety.exporter.collect.Deadline;
import quantum.safety.exporter.collect.RedisCollector;
import quantum.safety.exporter.redis.RedisFeatures;
import quantum.safety.exporter.redis.RedisSession;
import quantum.safety.exporter.redis.RedisUnavailableException;
import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Runs every collector against Redis: one pipelined round trip for all fixed reads, then each collector's finish in
 * order (cheapest first), publishing each result as soon as it is ready.
 *
 * <p>Failures are values: a connection failure fails the collection ({@code redis_up 0}, errors counted, the session
 * backs off); an error reply or bad data fails one collector ({@code collector_success 0}, logged at most once per
 * minute per collector); nothing escapes as an exception.
 */
public final class CollectionRunner implements CollectionTask {

    private static final Logger LOG = LoggerFactory.getLogger(CollectionRunner.class);

    private final RedisSession session;
    private final RedisSchema schema;
    private final int windowSeconds;
    private final List<RedisCollector> collectors;
    private final ScrapeStats stats;
    private final RateLimitedLog log = new RateLimitedLog(LOG, RateLimitedLog.DEFAULT_INTERVAL);

    public CollectionRunner(RedisSession session, RedisSchema schema, int windowSeconds,
                            List<RedisCollector> collectors, ScrapeStats stats) {
        this.session = session;
        this.schema = schema;
        this.windowSeconds = windowSeconds;
        this.collectors = List.copyOf(collectors);
        this.stats = stats;
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
            collection.redisFailed();
            stats.failedCollections.incrementAndGet();
        } catch (RuntimeException e) {
            // Connection refused or reset, timeouts, an exhausted pool: Redis did not answer.
            collection.redisFailed();
            stats.failedCollections.incrementAndGet();
            session.failed(e);
        } finally {
            collection.complete();
        }
    }

    /** @return whether every collector succeeded */
    private boolean collect(CollectionRun collection, Deadline deadline) {
        UnifiedJedis jedis = session.client();
        RedisFeatures features = session.features(jedis);
        CollectContext context = new CollectContext(schema, session.nowMillis(), windowSeconds, features, deadline);
        List<RedisCollector.Finisher> finishers = new ArrayList<>(collectors.size());
        try (AbstractPipeline pipeline = jedis.pipelined()) {
            for (RedisCollector collector : collectors) {
                finishers.add(collector.plan(pipeline, context));
            }
            Response<Object> time = session.queueTime(pipeline);
            long sent = session.localMillis();
            pipeline.sync();
            session.observeTime(time, sent, session.localMillis());
        }
        collection.redisAnswered();

        boolean allOk = true;
        for (int i = 0; i < collectors.size(); i++) {
            String name = collectors.get(i).name();
            CollectorOutput out = new CollectorOutput();
            try {
                finishers.get(i).finish(jedis, out);
            } catch (JedisDataException e) {
                out.problem("Redis error: " + e.getMessage());
            } catch (redis.clients.jedis.exceptions.JedisException e) {
                throw e;
            } catch (RuntimeException e) {
                // A bug must not take the other collectors down with it.
                LOG.error("collector {} failed", name, e);
                out.problem("internal error: " + e);
            }
            if (!out.ok()) {
                allOk = false;
                log.warn(name, "collector " + name + " failed: " + String.join("; ", out.problems()));
            }
            collection.finished(new CollectorResult(name, out.ok(), collection.elapsedSeconds(), out.snapshots()));
        }
        return allOk;
    }
}
