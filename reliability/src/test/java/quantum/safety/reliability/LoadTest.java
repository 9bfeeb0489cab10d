package quantum.safety.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import quantum.safety.exporter.ExporterServer;
import quantum.safety.kernel.FailPolicy;
import quantum.safety.kernel.Intent;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.testkit.LocalRedis;
import redis.clients.jedis.Jedis;

/** A scrape storm collapsed by single-flight, and the kernel under 8 threads with exact counters. */
@Tag("reliability")
class LoadTest {

    @Test
    void twoHundredConcurrentScrapesAreAllAnsweredWithFarFewerCollections() throws Exception {
        try (LocalRedis redis = LocalRedis.start(); ExporterServer exporter = Fixtures.exporter(redis.uri());
             Jedis jedis = redis.connect()) {
            Web.get(Fixtures.metricsUrl(exporter));
            long one = commands(jedis);
            Web.get(Fixtures.metricsUrl(exporter));
            long perCollection = commands(jedis) - one - 1;
            long before = commands(jedis);
            int n = 200;
            ExecutorService pool = Executors.newFixedThreadPool(100);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return Web.get(Fixtures.metricsUrl(exporter)).status();
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            int ok = 0;
            for (Future<Integer> f : answers) {
                ok += f.get(60, TimeUnit.SECONDS) == 200 ? 1 : 0;
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            pool.shutdown();
            // Redis commands spent, in units of one lone scrape's collection (each INFO read adds 1).
            long collections = Math.round((commands(jedis) - before - 1) / (double) Math.max(1, perCollection));
            assertThat(ok).isEqualTo(n);
            // Single-flight shares only overlapping scrapes; a fast collection (about a millisecond) overlaps few.
            assertThat(collections).isLessThan(n);
            Results.record(new Results.Row("4.1", "200 concurrent scrapes (100 client threads)",
                    "all answered; concurrent scrapes share one Redis collection (single-flight)", "n/a",
                    (n - ok) + " of " + n, "n/a", "n/a", "pass: " + collections + " collections for " + n
                            + " scrapes in " + millis + " ms"));
        }
    }

    @Test
    void theKernelUnderEightThreadsKeepsExactCounters() throws Exception {
        int seconds = Integer.getInteger("reliability.soakSeconds", 10);
        try (LocalRedis redis = LocalRedis.start();
             Fixtures.Kernel k = Fixtures.kernel(redis.uri(), Fixtures.config(FailPolicy.CLOSED).build());
             Jedis jedis = redis.connect()) {
            AtomicLong decided = new AtomicLong();
            AtomicLong notOk = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            for (int t = 0; t < 8; t++) {
                int thread = t;
                pool.submit(() -> {
                    int i = 0;
                    while (System.nanoTime() < end) {
                        var d = k.kernel().decide(Intent.of("SYM" + thread + "-" + (i++ % 50), "BUY"));
                        decided.incrementAndGet();
                        if (!d.allowed()) {
                            notOk.incrementAndGet();
                        }
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS)).isTrue();
            RedisSchema s = RedisSchema.legacy();
            long inHash = jedis.hgetAll(s.decisionCounters()).values().stream().mapToLong(Long::parseLong).sum();
            long globalCounters = WindowCounters.global(jedis, s);
            assertThat(notOk.get()).isZero();
            assertThat(inHash).isEqualTo(decided.get());
            assertThat(globalCounters).isEqualTo(decided.get());
            Results.record(new Results.Row("4.2", "Kernel under 8 threads for " + seconds + " s (fail closed)",
                    "every decision counted exactly once in `safety:decisions` and the window counters", "0",
                    "n/a", "n/a", "none", "pass: " + decided.get() + " decisions (" + decided.get() / seconds
                            + "/s on a shared 2-core machine), hash and counters exact"));
        }
    }

    /** Commands the server has processed, from INFO commandstats (this INFO itself is counted afterwards). */
    private static long commands(Jedis jedis) {
        long sum = 0;
        for (String line : jedis.info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_")) {
                sum += Long.parseLong(line.replaceAll(".*calls=(\\d+).*", "$1"));
            }
        }
        return sum;
    }
}
