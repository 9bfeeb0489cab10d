package quantum.safety.ops.e2e;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import quantum.safety.kernel.Intent;
import quantum.safety.kernel.KernelConfig;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.SafetyKernel;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;

/**
 * What a small trading system does all day, on a schedule: a router publishes trade intents to the intent stream and
 * asks the kernel about each ({@link SafetyKernel#decide}). Its kernel's limits are far above the traffic, so the
 * traffic alone never trips; a test trips SAFE MODE with its own kernel. While SAFE MODE is on its intents are
 * rejected with SAFE_MODE_ENABLED, as in production.
 */
final class DemoTraffic implements AutoCloseable {

    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT");

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-traffic");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong decisions = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private DemoTraffic() {
    }

    /** Starts publishing and deciding one intent per symbol every 250 ms. */
    static DemoTraffic start(UnifiedJedis redis) {
        DemoTraffic traffic = new DemoTraffic();
        SafetyKernel kernel = SafetyKernel.create(KernelConfig.builder().globalMax(100_000).symbolMax(100_000)
                .kernelId("demo-router").build(), redis, RedisSchema.legacy());
        String stream = RedisSchema.legacy().tradeIntentStream();
        traffic.scheduler.scheduleAtFixedRate(() -> {
            try {
                for (String symbol : SYMBOLS) {
                    String id = "demo-" + traffic.decisions.incrementAndGet();
                    redis.xadd(stream, XAddParams.xAddParams().id(StreamEntryID.NEW_ENTRY).maxLen(10_000).approximateTrimming(),
                            Map.of("data", "{\"symbol\":\"" + symbol + "\",\"side\":\"BUY\",\"correlation_id\":\"" + id + "\"}"));
                    kernel.decide(Intent.of(symbol, "BUY").withCorrelationId(id));
                }
            } catch (RuntimeException e) {
                traffic.failure.compareAndSet(null, e);
            }
        }, 0, 250, TimeUnit.MILLISECONDS);
        return traffic;
    }

    long decisions() {
        return decisions.get();
    }

    /** The first error the traffic hit, if any (expected: none). */
    Throwable failure() {
        return failure.get();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
