package quantum.safety.bench;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import quantum.safety.kernel.Intent;
import quantum.safety.kernel.KernelConfig;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.SafetyKernel;
import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;
import quantum.safety.process.ChildProcess;
import quantum.safety.process.LocalRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

/**
 * The exporter's resident memory as the systemd unit runs it, for the unit's MemoryHigh/MemoryMax and the
 * {@code QuantumSafetyExporterMemoryHigh} threshold: the JVM flags are read from the unit's {@code ExecStart} (and its
 * {@code Environment=} lines), so the figures are those of what ships. A live kernel decides and publishes its
 * settings next to the seeded state, so every collector has data.
 *
 * <p>Phases, each reporting {@code process_resident_memory_bytes} as the exporter itself exports it (what the alert
 * reads): idle (one scrape every 15 s, Prometheus' interval), load (20 scrapes/s with Prometheus' headers), idle again.
 * No cgroup limit applies here: the figures are what the process takes when nothing reclaims its pages.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar quantum.safety.bench.ExporterMemoryHarness <jar> [unit file]
 * [idle minutes] [load seconds] [symbols]}.
 */
public final class ExporterMemoryHarness {

    private static final int SCRAPES_PER_SECOND = 20;

    private ExporterMemoryHarness() {
    }

    public static void main(String[] args) throws Exception {
        MemoryHarnessArgs run = MemoryHarnessArgs.parse(args, "monitoring/systemd/quantum-safety-exporter.service");
        int symbols = run.extra(4, 1_000);
        try (LocalRedis redis = LocalRedis.start();
             UnifiedJedis client = RedisConnector.to(RedisEndpoint.standalone(redis.host(), redis.port()),
                     RedisCredentials.none()).forDecisions(KernelConfig.DEFAULT_DECISION_TIMEOUT).open();
             SafetyKernel kernel = SafetyKernel.create(KernelConfig.builder().kernelId("memory-bench")
                     .globalMax(1_000_000).symbolMax(1_000_000).build(), client, RedisSchema.legacy())) {
            try (Jedis jedis = redis.connect()) {
                ExporterBenchData.seed(jedis, System.currentTimeMillis(), KernelConfig.DEFAULT_WINDOW_SEC, symbols);
            }
            kernel.decide(Intent.of("BTCUSDT", "BUY"));
            int port = LocalRedis.freePort();
            ChildProcess exporter = UnitLaunch.start("the exporter", run.unit(), run.jar(), redis,
                    List.of("--web.listen-address=127.0.0.1:" + port));
            try {
                URL url = new URL("http://127.0.0.1:" + port + "/metrics");
                exporter.awaitReady("answer /metrics", Duration.ofMinutes(2), Duration.ofMillis(200),
                        () -> ResidentMemory.scrape(url) > 0);
                ResidentMemory.measure(url, Duration.ofMinutes(run.idleMinutes()), m -> load(m, run.loadSeconds()),
                        Duration.ofMinutes(Math.max(1, run.idleMinutes() / 2)));
            } finally {
                exporter.stop(Duration.ofSeconds(30));
            }
        }
    }

    /** The RSS each scrape reports, at 20 scrapes/s for {@code seconds}. */
    private static ResidentMemory.Phase load(URL url, int seconds) throws InterruptedException {
        ResidentMemory.Phase phase = new ResidentMemory.Phase(
                "load, " + SCRAPES_PER_SECOND + " scrapes/s, " + seconds + " s");
        long interval = TimeUnit.SECONDS.toNanos(1) / SCRAPES_PER_SECOND;
        long start = System.nanoTime();
        for (int i = 0; i < seconds * SCRAPES_PER_SECOND; i++) {
            long wait = start + i * interval - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            phase.sample(url);
        }
        return phase.end();
    }
}
