package quantum.safety.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.redis.RedisSetting;
import quantum.safety.process.ChildProcess;
import quantum.safety.process.LocalRedis;
import redis.clients.jedis.Jedis;

/**
 * The real exporter process under Prometheus-like load: {@code ./quantum-safety exporter} (the launcher's JVM flags)
 * scraped 20 times per second with Prometheus' headers (OpenMetrics, gzip, scrape timeout), at 10, 1,000 and 10,000
 * active symbols. Prints, side by side from one run: scrape latency p50/p99 seen by the client, the same paced request
 * to {@code /-/healthy} (the HTTP floor of the machine), a Redis PING round trip p50/p99 on the same server, Redis commands and read events (round trips) per scrape from {@code INFO} deltas,
 * the exporter's CPU time per scrape ({@code /proc/PID/stat}; robust against a busy machine, unlike latency) and its
 * resident memory (VmRSS) at the end and at its peak.
 *
 * <p>Usage: {@code java -cp … quantum.safety.bench.ExporterLoadHarness [launcher] [seconds per size] [sizes]}; the launcher
 * defaults to {@code ./quantum-safety}. JAVA_OPTS is passed through, to compare JVM flags.
 */
public final class ExporterLoadHarness {

    private static final int SCRAPES_PER_SECOND = 20;
    /** A window of an hour keeps the seeded bucket current for the whole run. */
    private static final int WINDOW_SECONDS = 3600;
    private static final String ACCEPT = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
            + "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    private ExporterLoadHarness() {
    }

    public static void main(String[] args) throws Exception {
        Path launcher = Path.of(args.length > 0 ? args[0] : "./quantum-safety").toAbsolutePath();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int[] sizes = args.length > 2 ? java.util.Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {10, 1_000, 10_000};
        List<String> rows = new ArrayList<>();
        try (LocalRedis redis = LocalRedis.start()) {
            for (int symbols : sizes) {
                rows.add(run(launcher, redis, symbols, seconds));
            }
            try (Jedis jedis = redis.connect()) {
                System.out.println();
                System.out.println("Redis " + jedis.info("server").lines().filter(l -> l.startsWith("redis_version"))
                        .findFirst().orElse("") + ", JAVA_OPTS=" + System.getenv().getOrDefault("JAVA_OPTS", ""));
            }
        }
        System.out.println("symbols | scrape p50 ms | scrape p99 ms | /-/healthy p50 | /-/healthy p99 | PING p50 ms "
                + "| PING p99 ms | Redis cmds/scrape | Redis reads/scrape | CPU ms/scrape | CPU ms/healthy | RSS end MB "
                + "| RSS peak MB");
        rows.forEach(System.out::println);
    }

    private static String run(Path launcher, LocalRedis redis, int symbols, int seconds) throws Exception {
        long now = System.currentTimeMillis();
        try (Jedis jedis = redis.connect()) {
            ExporterBenchData.seed(jedis, now, WINDOW_SECONDS, symbols);
            ExporterBenchData.seedWindow(jedis, RedisSchema.bucket(now / 1000, WINDOW_SECONDS) + 1, symbols);
        }
        int port = LocalRedis.freePort();
        Path log = Files.createTempFile("exporter-bench-", ".log");
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "exporter",
                "--web.listen-address=127.0.0.1:" + port, "--window=" + WINDOW_SECONDS + "s")
                .directory(launcher.getParent().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put(RedisSetting.LEGACY_HOST.legacyEnv(), redis.host());
        builder.environment().put(RedisSetting.LEGACY_PORT.legacyEnv(), Integer.toString(redis.port()));
        // The script builds the jar first when it is stale, hence the long wait.
        ChildProcess exporter = ChildProcess.start("the exporter", builder, ChildProcess.Output.of(log, 40));
        try {
            URL url = new URL("http://127.0.0.1:" + port + "/metrics");
            exporter.awaitReady("answer /metrics", Duration.ofMinutes(5), Duration.ofMillis(200), () -> answers(url));
            drive(url, 20, null);                       // warm-up: JIT and pools
            long[] ping = ping(redis, 2_000);
            long[] before;
            try (Jedis jedis = redis.connect()) {
                before = ExporterBenchData.commandsAndReads(jedis);
            }
            long[] rss = new long[2];
            long cpuBefore = cpuTicks(exporter.pid());
            long[] latencies = drive(url, seconds, () -> {
                long kb = rssKb(exporter.pid());
                rss[0] = kb;
                rss[1] = Math.max(rss[1], kb);
            });
            long cpuAfter = cpuTicks(exporter.pid());
            long[] after;
            try (Jedis jedis = redis.connect()) {
                after = ExporterBenchData.commandsAndReads(jedis);
            }
            long[] pingAfter = ping(redis, 2_000);
            // The same paced HTTP request to an endpoint that does nothing: this machine's floor for an HTTP answer.
            long healthyCpuBefore = cpuTicks(exporter.pid());
            long[] healthy = drive(new URL("http://127.0.0.1:" + port + "/-/healthy"), Math.max(5, seconds / 3), null);
            double healthyCpuMs = (cpuTicks(exporter.pid()) - healthyCpuBefore) * 10.0 / healthy.length;
            long[] allPings = concat(ping, pingAfter);
            Arrays.sort(allPings);
            int n = latencies.length;
            // the two INFO calls of each reading, and the PING round trips in between
            double commands = (after[0] - before[0] - 2) / (double) n;
            double reads = (after[1] - before[1] - 2) / (double) n;
            double p50 = percentile(latencies, 0.50);
            double p99 = percentile(latencies, 0.99);
            double ping50 = percentile(allPings, 0.50);
            double ping99 = percentile(allPings, 0.99);
            double cpuMs = (cpuAfter - cpuBefore) * 10.0 / n;
            return String.format("%7d | %13.2f | %13.2f | %14.2f | %14.2f | %11.3f | %11.3f | %17.2f | %18.2f | %13.2f "
                            + "| %15.2f | %10.1f | %11.1f", symbols, p50, p99, percentile(healthy, 0.50),
                    percentile(healthy, 0.99), ping50, ping99, commands, reads, cpuMs, healthyCpuMs, rss[0] / 1024.0,
                    rss[1] / 1024.0);
        } finally {
            exporter.stop(Duration.ofSeconds(30));
        }
    }

    /** Scrapes at a fixed rate for the given time; returns sorted latencies in nanoseconds. */
    private static long[] drive(URL url, int seconds, Runnable everySecond) throws IOException, InterruptedException {
        int total = seconds * SCRAPES_PER_SECOND;
        long[] latencies = new long[total];
        long interval = TimeUnit.SECONDS.toNanos(1) / SCRAPES_PER_SECOND;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long begin = System.nanoTime();
            HttpURLConnection conn = (HttpURLConnection) url.openConnection();
            conn.setRequestProperty("Accept", ACCEPT);
            conn.setRequestProperty("Accept-Encoding", "gzip");
            conn.setRequestProperty("X-Prometheus-Scrape-Timeout-Seconds", "10");
            try (InputStream in = conn.getInputStream()) {
                in.readAllBytes();
            }
            latencies[i] = System.nanoTime() - begin;
            if (conn.getResponseCode() != 200) {
                throw new IllegalStateException("scrape answered " + conn.getResponseCode());
            }
            if (everySecond != null && i % SCRAPES_PER_SECOND == 0) {
                everySecond.run();
            }
        }
        Arrays.sort(latencies);
        return latencies;
    }

    private static long[] ping(LocalRedis redis, int count) {
        long[] times = new long[count];
        try (Jedis jedis = redis.connect()) {
            for (int i = 0; i < count; i++) {
                long begin = System.nanoTime();
                jedis.ping();
                times[i] = System.nanoTime() - begin;
            }
        }
        return times;
    }

    /** True when {@code url} answers 200; an exception (still starting) counts as not yet. */
    private static boolean answers(URL url) throws IOException {
        HttpURLConnection conn = (HttpURLConnection) url.openConnection();
        if (conn.getResponseCode() == 200) {
            conn.getInputStream().readAllBytes();
            return true;
        }
        return false;
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        return 0;
    }

    /** utime + stime of a process in clock ticks (1/100 s on Linux). */
    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            return 0;
        }
    }

    private static double percentile(long[] sortedNanos, double q) {
        return sortedNanos[Math.min(sortedNanos.length - 1, (int) Math.ceil(q * sortedNanos.length) - 1)] / 1e6;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
