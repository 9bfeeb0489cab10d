package quantum.safety.exporter.collect;

import quantum.safety.state.StateQuery;
import quantum.safety.state.StateRead;

/**
 * One Redis concern turned into metric snapshots on every scrape. A collector renders records of the collection's
 * {@link StateRead}; it never talks to Redis itself, so the exporter, the status page, {@code ctl} and {@code doctor}
 * read the same data by the same rules.
 *
 * <p>A collection queues every read on one pipeline (one round trip for all of them), then asks the collectors to
 * render in order, cheapest first. A record that needs follow-up round trips (a stream page that came back full,
 * legacy keys without the kernel's ranking) takes them when first asked for, bounded by the scrape's deadline.
 */
public interface RedisCollector {

    /** The {@code collector} label value, e.g. {@code safe_mode}. */
    String name();

    /** Adds what this collector needs beyond the kernel's state (a stream to read, a stream position); by default nothing. */
    default StateQuery query(StateQuery query) {
        return query;
    }

    /**
     * Turns the records it shows into snapshots and their problems into problems of this collector.
     *
     * @param read the collection's read; asking for a record may cost follow-up round trips, and a connection failure
     *             there propagates and fails the collection
     */
    void render(StateRead read, CollectorOutput out);
}
