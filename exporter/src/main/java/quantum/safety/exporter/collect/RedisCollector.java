package quantum.safety.exporter.collect;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;

/**
 * One Redis concern turned into metric snapshots, collected on every scrape.
 *
 * <p>A collection runs in two steps so that Redis cost does not depend on the keyspace: every collector first queues
 * its fixed reads on one shared pipeline (one round trip for all of them), then finishes with the replies, and only
 * when the data demands it (a stream page that is full, legacy keys without the kernel's ranking) with a bounded
 * number of further round trips, checked against the deadline.
 */
public interface RedisCollector {

    /** The {@code collector} label value, e.g. {@code safe_mode}. */
    String name();

    /** Queues the fixed reads on the shared pipeline; nothing has been sent yet. */
    Finisher plan(AbstractPipeline pipeline, CollectContext context);

    /** Turns the replies into snapshots once the pipeline has run. */
    @FunctionalInterface
    interface Finisher {
        /**
         * @param redis for follow-up round trips only; a connection failure propagates and fails the collection
         * @param out   where snapshots and bad-data problems go
         */
        void finish(UnifiedJedis redis, CollectorOutput out);
    }
}
