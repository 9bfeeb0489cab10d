package quantum.safety.cli.ctl;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

import quantum.safety.kernel.FaultEvent;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Follows the fault stream with blocking XREADs. Each read blocks at most {@link #BLOCK_MILLIS}, so the stop condition
 * (Ctrl-C's interrupt, or a test's flag) is looked at several times a second even when nothing happens.
 */
final class FaultFollower {

    static final int BLOCK_MILLIS = 500;

    private final UnifiedJedis redis;
    private final String key;

    FaultFollower(UnifiedJedis redis, String key) {
        this.redis = redis;
        this.key = key;
    }

    /**
     * Prints every new matching event until {@code stop} says so.
     *
     * @param after the id after which to start ("0-0" for an empty stream)
     */
    void follow(String after, Predicate<FaultEvent> filter, Consumer<FaultEvent> sink, BooleanSupplier stop) {
        StreamEntryID last = new StreamEntryID(after);
        XReadParams params = XReadParams.xReadParams().block(BLOCK_MILLIS).count(100);
        while (!stop.getAsBoolean()) {
            List<Map.Entry<String, List<StreamEntry>>> reply = redis.xread(params, Map.of(key, last));
            if (reply == null) {
                continue;
            }
            for (Map.Entry<String, List<StreamEntry>> stream : reply) {
                for (StreamEntry entry : stream.getValue()) {
                    last = entry.getID();
                    FaultEvent event = FaultEvent.fromStreamEntry(entry.getID().toString(), entry.getFields());
                    if (filter.test(event)) {
                        sink.accept(event);
                    }
                }
            }
        }
    }
}
