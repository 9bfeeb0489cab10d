package quantum.safety.state;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * One walk of the whole keyspace for the legacy per-symbol counters of every bucket ({@code SCAN MATCH
 * <prefix>safety:rate:symbol:*}), keys only. SCAN promises every key that exists from the walk's start to its end, so a
 * complete walk knows every counter that existed when it started.
 *
 * <p>Each call visits about {@value #COUNT} keys, whatever they match. Measured on Redis 7.0 with 70,000 keys
 * ({@code INFO commandstats}): 0.66 ms of Redis per call at COUNT 1000 against 6.4 ms at COUNT 10000, and about 45 ms
 * for the whole walk either way, since the cost is the keys visited. The smaller count keeps every other client's
 * command (a kernel's decision) from waiting behind one long call, for a few more round trips.
 */
final class LegacyKeyWalk {

    static final int COUNT = 1000;

    /** Between two calls: whether to go on, given how long the last call took (it may pause, to pace a walk). */
    @FunctionalInterface
    interface Pacer {
        boolean proceed(Duration lastCall) throws InterruptedException;
    }

    private LegacyKeyWalk() {
    }

    /**
     * Walks the keyspace, handing each page of counter keys to {@code page}.
     *
     * @return true when the walk ended; false when the pacer stopped it first
     */
    static boolean walk(UnifiedJedis redis, String head, Pacer pacer, Consumer<List<String>> page)
            throws InterruptedException {
        ScanParams params = new ScanParams().match(head + "*").count(COUNT);
        String cursor = ScanParams.SCAN_POINTER_START;
        while (true) {
            long started = System.nanoTime();
            ScanResult<String> result = redis.scan(cursor, params);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (!result.getResult().isEmpty()) {
                page.accept(result.getResult());
            }
            if (result.isCompleteIteration()) {
                return true;
            }
            if (!pacer.proceed(took)) {
                return false;
            }
            cursor = result.getCursor();
        }
    }
}
