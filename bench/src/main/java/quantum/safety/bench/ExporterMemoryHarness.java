package quantum.safety.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import quantum.safety.kernel.Intent;
import quantum.safety.kernel.KernelConfig;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.SafetyKernel;
import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;
import quantum.safety.kernel.redis.RedisSetting;
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
    private static final Duration PROMETHEUS_INTERVAL = Duration.ofSeconds(15);
    private static final Pattern RSS = Pattern.compile("(?m)^process_resident_memory_bytes (\\S+)$");
    private static final String ACCEPT = "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5";

    private ExporterMemoryHarness() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path unit = Path.of(args.length > 1 ? args[1] : "monitoring/systemd/quantum-safety-exporter.service");
        int idleMinutes = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int loadSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 120;
        int symbols = args.length > 4 ? Integer.parseInt(args[4]) : 1_000;
        String unitText = Files.readString(unit);
        List<String> command = command(unitText, jar);
        System.out.println("command: " + String.join(" ", command));
        try (LocalRedis redis = LocalRedis.start();
             UnifiedJedis client = RedisConnector.to(RedisEndpoint.standalone(redis.host(), redis.port()),
                     RedisCredentials.none()).forDecisions(KernelConfig.DEFAULT_DECISION_TIMEOUT).open();
             SafetyKernel kernel = SafetyKernel.create(KernelConfig.builder().kernelId("memory-bench")
                     .globalMax(1_000_000).symbolMax(1_000_000).build(), client, RedisSchema.legacy())) {
            try (Jedis jedis = redis.connect()) {
                ExporterBenchData.seed(jedis, System.currentTimeMillis(), KernelConfig.DEFAULT_WINDOW_SEC, symbols);
            }
            kernel.decide(Intent.of("BTCUSDT", "BUY"));
            measure(command, unitText, redis, idleMinutes, loadSeconds);
        }
    }

    private static void measure(List<String> command, String unitText, LocalRedis redis, int idleMinutes,
                                int loadSeconds) throws Exception {
        int port = LocalRedis.freePort();
        List<String> full = new ArrayList<>(command);
        full.add("--web.listen-address=127.0.0.1:" + port);
        Path log = Files.createTempFile("exporter-memory-", ".log");
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put(RedisSetting.LEGACY_HOST.legacyEnv(), redis.host());
        builder.environment().put(RedisSetting.LEGACY_PORT.legacyEnv(), Integer.toString(redis.port()));
        environment(unitText).forEach(kv -> builder.environment().put(kv[0], kv[1]));
        ChildProcess exporter = ChildProcess.start("the exporter", builder, ChildProcess.Output.of(log, 40));
        try {
            URL url = new URL("http://127.0.0.1:" + port + "/metrics");
            exporter.awaitReady("answer /metrics", Duration.ofMinutes(2), Duration.ofMillis(200), () -> rss(url) > 0);
            double first = rss(url);
            double[] idle = idle(url, idleMinutes);
            double[] load = load(url, loadSeconds);
            double[] after = idle(url, Math.max(1, idleMinutes / 2));
            System.out.printf("%nphase | scrapes | RSS first MiB | RSS max MiB | RSS last MiB%n");
            System.out.printf("start | 1 | %.1f | %.1f | %.1f%n", mib(first), mib(first), mib(first));
            row("idle, 1 scrape / 15 s, " + idleMinutes + " min", idle);
            row("load, " + SCRAPES_PER_SECOND + " scrapes/s, " + loadSeconds + " s", load);
            row("idle again, " + Math.max(1, idleMinutes / 2) + " min", after);
        } finally {
            exporter.stop(Duration.ofSeconds(30));
        }
    }

    /** {@code [scrapes, first, max, last]} while scraping every 15 s for {@code minutes}. */
    private static double[] idle(URL url, int minutes) throws Exception {
        List<Double> values = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
        while (System.nanoTime() < end) {
            values.add(rss(url));
            TimeUnit.MILLISECONDS.sleep(PROMETHEUS_INTERVAL.toMillis());
        }
        return summary(values);
    }

    /** {@code [scrapes, first, max, last]} of the RSS each scrape reports, at 20 scrapes/s for {@code seconds}. */
    private static double[] load(URL url, int seconds) throws Exception {
        List<Double> values = new ArrayList<>();
        long interval = TimeUnit.SECONDS.toNanos(1) / SCRAPES_PER_SECOND;
        long start = System.nanoTime();
        for (int i = 0; i < seconds * SCRAPES_PER_SECOND; i++) {
            long wait = start + i * interval - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            values.add(rss(url));
        }
        return summary(values);
    }

    private static double[] summary(List<Double> values) {
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return new double[] {values.size(), values.get(0), max, values.get(values.size() - 1)};
    }

    private static void row(String phase, double[] s) {
        System.out.printf("%s | %d | %.1f | %.1f | %.1f%n", phase, (long) s[0], mib(s[1]), mib(s[2]), mib(s[3]));
    }

    private static double mib(double bytes) {
        return bytes / (1024 * 1024);
    }

    /** One Prometheus-like scrape; the exporter's own process_resident_memory_bytes, or 0 when it does not answer. */
    private static double rss(URL url) {
        try {
            HttpURLConnection conn = (HttpURLConnection) url.openConnection();
            conn.setRequestProperty("Accept", ACCEPT);
            conn.setRequestProperty("X-Prometheus-Scrape-Timeout-Seconds", "10");
            try (InputStream in = conn.getInputStream()) {
                Matcher m = RSS.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                return m.find() ? Double.parseDouble(m.group(1)) : 0;
            }
        } catch (IOException e) {
            return 0;
        }
    }

    /** The unit's ExecStart with {@code $JAVA_OPTS} left out and the installed jar replaced by {@code jar}. */
    static List<String> command(String unitText, Path jar) {
        Matcher exec = Pattern.compile("(?m)^ExecStart=(.*)$").matcher(unitText);
        if (!exec.find()) {
            throw new IllegalArgumentException("no ExecStart= in the unit");
        }
        List<String> words = new ArrayList<>(Arrays.asList(exec.group(1).trim().split("\\s+")));
        words.remove("$JAVA_OPTS");
        words.set(0, "java");
        int jarAt = words.indexOf("-jar");
        words.set(jarAt + 1, jar.toString());
        return words;
    }

    /** The unit's {@code Environment=NAME=value} lines. */
    static List<String[]> environment(String unitText) {
        List<String[]> pairs = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^Environment=([A-Z_][A-Z0-9_]*)=(\\S*)$").matcher(unitText);
        while (m.find()) {
            pairs.add(new String[] {m.group(1), m.group(2)});
        }
        return pairs;
    }
}
