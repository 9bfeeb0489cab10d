package quantum.safety.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import quantum.safety.exporter.BuildIdentity;
import quantum.safety.exporter.ExporterConfig;
import quantum.safety.exporter.ExporterServer;
import quantum.safety.kernel.FailPolicy;
import quantum.safety.kernel.Intent;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;
import quantum.safety.process.LocalRedis;
import redis.clients.jedis.Jedis;

/**
 * Scrape storms collapsed by single-flight, counted by the exporter itself ({@code quantum_safety_exporter_scrapes_total},
 * the collections it started), and the kernel under 8 threads with exact counters.
 */
@Tag("reliability")
class LoadTest {

    /** The exporter's own count of the collections it started (concurrent scrapes share one). */
    private static final String COLLECTIONS = "quantum_safety_exporter_scrapes_total";

    @Test
    void twoHundredConcurrentScrapesAreAllAnsweredWithFewerCollectionsThanScrapes() throws Exception {
        try (LocalRedis redis = LocalRedis.start(); ExporterServer exporter = Fixtures.exporter(redis.uri())) {
            String url = Fixtures.metricsUrl(exporter);
            long before = collections(Web.get(url));
            int n = 200;
            long start = System.nanoTime();
            List<Web.Answer> answers = burst(n, () -> Web.get(url));
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(answers).extracting(Web.Answer::status).containsOnly(200);
            assertThat(answers).allSatisfy(a -> assertThat(Metrics.parse(a.body()).value("quantum_safety_redis_up"))
                    .isEqualTo(1));
            // Each answer reports the counter after its own collection started: the highest is the burst's total.
            long collections = answers.stream().mapToLong(LoadTest::collections).max().orElseThrow() - before;
            assertThat(collections).isPositive();
            // Single-flight shares only overlapping scrapes; a fast collection (about a millisecond) overlaps some.
            assertThat(collections).isLessThan(n);
            Results.record(new Results.Row("4.1", "200 concurrent scrapes (100 client threads)",
                    "all answered; concurrent scrapes share one Redis collection (single-flight)", "n/a",
                    "0 of " + n, "n/a", "n/a", "pass: " + collections + " collections (the exporter's own count) for "
                            + n + " scrapes in " + millis + " ms"));
        }
    }

    @Test
    void whileACollectionWaitsOnRedisEveryScrapeOfABurstSharesIt() throws Exception {
        // A socket timeout far above the burst: the paused Redis cannot end the collection while the burst runs.
        try (LocalRedis redis = LocalRedis.start(); ExporterServer exporter = exporterWaitingLongOnRedis(redis.uri())) {
            String url = Fixtures.metricsUrl(exporter);
            long before = collections(Web.get(url));
            int n = 200;
            List<Web.Answer> answers;
            redis.pause();
            try {
                // Prometheus' 0.2 s scrape timeout: each scrape answers at its deadline with what had finished.
                answers = burst(n, () -> Web.get(url, "0.2"));
            } finally {
                redis.resume();
            }

            assertThat(answers).extracting(Web.Answer::status).containsOnly(200);
            assertThat(answers).allSatisfy(a -> assertThat(Metrics.parse(a.body()).value("quantum_safety_redis_up"))
                    .isZero());
            // Every scrape of the burst saw the same single collection started: the one waiting on Redis.
            assertThat(answers).extracting(LoadTest::collections).containsOnly(before + 1);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    Metrics.parse(Web.get(url).body()).value("quantum_safety_redis_up") == 1);
            Results.record(new Results.Row("4.3", "200 concurrent scrapes (100 client threads, scrape timeout 0.2 s) "
                    + "while Redis is frozen (SIGSTOP)", "every scrape answers at its deadline (redis_up 0); all "
                    + "share the one collection waiting on Redis, none starts another", "n/a",
                    "0 of " + n + " (" + n + " with redis_up 0)", "redis_up 1 again after SIGCONT",
                    "n/a", "pass: 1 collection for " + n + " scrapes"));
        }
    }

    /** An exporter whose Redis calls wait up to 30 s: a collection stays in flight while Redis is frozen. */
    private static ExporterServer exporterWaitingLongOnRedis(String uri) throws IOException {
        RedisConnector patient = RedisConnector.to(RedisEndpoint.parse(uri), RedisCredentials.none())
                .connectTimeout(Duration.ofSeconds(30)).socketTimeout(Duration.ofSeconds(30))
                .clientName("quantum-safety-reliability");
        return ExporterServer.start(ExporterConfig.builder(patient)
                .listenAddresses(List.of("127.0.0.1:0"))
                .runtimeMetrics(false)
                .build(new BuildIdentity("0.1.0-reliability", "test", "reliability"))
                .build());
    }

    /** {@code n} calls released at once on 100 threads; their answers, in order. */
    private static List<Web.Answer> burst(int n, Callable<Web.Answer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Web.Answer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<Web.Answer> answers = new ArrayList<>();
            for (Future<Web.Answer> f : futures) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long collections(Web.Answer answer) {
        return (long) Metrics.parse(answer.body()).value(COLLECTIONS);
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
}
