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
 * the time Redis spent in commands and the SCAN calls per scrape, the exporter's CPU time per scrape
 * ({@code /proc/PID/stat}; robust against a busy machine, unlike latency) and its resident memory (VmRSS) at the end and
 * at its peak.
 *
 * <p>The windows are written as this kernel writes them ({@code kernel}, the default) or as the old kernel did
 * ({@code old-kernel}: legacy per-symbol counters only, 50,000 unrelated keys; see {@link ExporterBenchData.Writer}).
 * For the old kernel's state it also measures what the exporter asks of Redis between scrapes: an exporter with a
 * 10 s window, scraped once, then left alone for 30 s.
 *
 * <p>Usage: {@code java -cp … quantum.safety.bench.ExporterLoadHarness [launcher] [seconds per size] [sizes]
 * [kernel|old-kernel]}; the launcher defaults to {@code ./quantum-safety}. JAVA_OPTS is passed through, to compare JVM
 * flags; QUANTUM_SAFETY_JAR too, to run another build's jar.
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
        ExporterBenchData.Writer writer = args.length > 3 && args[3].equals("old-kernel")
                ? ExporterBenchData.Writer.OLD_KERNEL : ExporterBenchData.Writer.KERNEL;
        System.out.println("rate windows written by " + writer.description + "; jar "
                + System.getenv().getOrDefault("QUANTUM_SAFETY_JAR", "of the launcher"));
        List<String> rows = new ArrayList<>();
        List<String> background = new ArrayList<>();
        try (LocalRedis redis = LocalRedis.start()) {
            for (int symbols : sizes) {
                rows.add(run(launcher, redis, symbols, seconds, writer));
                if (writer == ExporterBenchData.Writer.OLD_KERNEL) {
                    background.add(between(launcher, redis, symbols));
                }
            }
            try (Jedis jedis = redis.connect()) {
                System.out.println();
                System.out.println("Redis " + jedis.info("server").lines().filter(l -> l.startsWith("redis_version"))
                        .findFirst().orElse("") + ", JAVA_OPTS=" + System.getenv().getOrDefault("JAVA_OPTS", ""));
            }
        }
        System.out.println("state: " + writer.description);
        System.out.println("symbols | scrape p50 ms | scrape p99 ms | /-/healthy p50 | /-/healthy p99 | PING p50 ms "
                + "| PING p99 ms | Redis cmds/scrape | Redis reads/scrape | Redis ms/scrape | SCAN calls/scrape "
                + "| CPU ms/scrape | CPU ms/healthy | RSS end MB | RSS peak MB");
        rows.forEach(System.out::println);
        if (!background.isEmpty()) {
            System.out.println();
            System.out.println("Between scrapes (10 s window, one scrape, then 30 s without): what the exporter asks of "
                    + "Redis on its own");
            System.out.println("symbols | Redis cmds/s | SCAN calls/s | Redis ms/s");
            background.forEach(System.out::println);
        }
    }

    /** The exporter process for {@code window}, ready to answer; the caller stops it. */
    private static ChildProcess startExporter(Path launcher, LocalRedis redis, int port, int window) throws Exception {
        Path log = Files.createTempFile("exporter-bench-", ".log");
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "exporter",
                "--web.listen-address=127.0.0.1:" + port, "--window=" + window + "s")
                .directory(launcher.getParent().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put(RedisSetting.LEGACY_HOST.legacyEnv(), redis.host());
        builder.environment().put(RedisSetting.LEGACY_PORT.legacyEnv(), Integer.toString(redis.port()));
        // The script builds the jar first when it is stale, hence the long wait.
        ChildProcess exporter = ChildProcess.start("the exporter", builder, ChildProcess.Output.of(log, 40));
        URL url = new URL("http://127.0.0.1:" + port + "/metrics");
        try {
            exporter.awaitReady("answer /metrics", Duration.ofMinutes(5), Duration.ofMillis(200), () -> answers(url));
        } catch (Exception | Error e) {
            exporter.stop(Duration.ofSeconds(30));
            throw e;
        }
        return exporter;
    }

    /**
     * What the exporter asks of Redis when nobody scrapes it, after one scrape of the old kernel's state in a 10 s
     * window (the production default): Redis commands, SCAN calls and Redis time per second over 30 s.
     */
    private static String between(Path launcher, LocalRedis redis, int symbols) throws Exception {
        int window = 10;
        long now = System.currentTimeMillis();
        try (Jedis jedis = redis.connect()) {
            ExporterBenchData.seed(jedis, now, window, symbols, ExporterBenchData.Writer.OLD_KERNEL);
        }
        int port = LocalRedis.freePort();
        ChildProcess exporter = startExporter(launcher, redis, port, window);
        try {
            answers(new URL("http://127.0.0.1:" + port + "/metrics"));
            long[] before;
            try (Jedis jedis = redis.connect()) {
                before = ExporterBenchData.commandsAndReads(jedis);
            }
            long started = System.nanoTime();
            TimeUnit.SECONDS.sleep(30);
            long[] after;
            try (Jedis jedis = redis.connect()) {
                after = ExporterBenchData.commandsAndReads(jedis);
            }
            double secs = (System.nanoTime() - started) / 1e9;
            // less the two INFO calls of the first reading
            return String.format("%7d | %12.2f | %12.2f | %10.3f", symbols, (after[0] - before[0] - 2) / secs,
                    (after[3] - before[3]) / secs, (after[2] - before[2]) / 1000.0 / secs);
        } finally {
            exporter.stop(Duration.ofSeconds(30));
        }
    }

    private static String run(Path launcher, LocalRedis redis, int symbols, int seconds,
                              ExporterBenchData.Writer writer) throws Exception {
        long now = System.currentTimeMillis();
        try (Jedis jedis = redis.connect()) {
            ExporterBenchData.seed(jedis, now, WINDOW_SECONDS, symbols, writer);
            ExporterBenchData.seedWindow(jedis, RedisSchema.bucket(now / 1000, WINDOW_SECONDS) + 1, symbols, writer);
        }
        int port = LocalRedis.freePort();
        ChildProcess exporter = startExporter(launcher, redis, port, WINDOW_SECONDS);
        try {
            URL url = new URL("http://127.0.0.1:" + port + "/metrics");
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
            double redisMs = (after[2] - before[2]) / 1000.0 / n;
            double scans = (after[3] - before[3]) / (double) n;
            return String.format("%7d | %13.2f | %13.2f | %14.2f | %14.2f | %11.3f | %11.3f | %17.2f | %18.2f "
                            + "| %15.3f | %17.2f | %13.2f | %14.2f | %10.1f | %11.1f", symbols, p50, p99,
                    percentile(healthy, 0.50), percentile(healthy, 0.99), ping50, ping99, commands, reads, redisMs,
                    scans, cpuMs, healthyCpuMs, rss[0] / 1024.0, rss[1] / 1024.0);
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
