package quantum.safety.bench;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import quantum.safety.kernel.RedisSchema;
import quantum.safety.process.ChildProcess;
import quantum.safety.process.LocalRedis;
import redis.clients.jedis.Jedis;

/**
 * This exporter as packaged next to redis_exporter, with their floors, side by side in one run: for each mode
 * ({@link SeededState}: this kernel's state, or the old kernel's) and each number of active symbols, on one seeded
 * Redis and one after the other,
 * <ol>
 * <li>the exporter started as its systemd unit starts it ({@link UnitLaunch}: the unit's JVM flags and environment),
 * scraped {@value PacedMeasurement#REQUESTS_PER_SECOND} times a second on one keep-alive connection with Prometheus'
 * headers ({@link ScrapeConnection});</li>
 * <li>its {@code /-/healthy}, paced the same way: the floor of an HTTP answer on this machine;</li>
 * <li>redis_exporter reading the same keys ({@link RedisExporterPeer}), scraped the same way; skipped with a message
 * when it is not installed;</li>
 * <li>a Redis PING round trip, paced the same way: the floor of a Redis answer.</li>
 * </ol>
 * Each target is warmed up, then measured: p50, p99, its CPU time and resident memory ({@link ProcessSample}), and what
 * it cost Redis ({@link RedisCost}). It prints one Markdown table, what each exporter was seen to read, and the
 * machine line (load average before and after, JDK, Redis and redis_exporter versions).
 *
 * <p>Usage, from the repository root after {@code mvn -B -q -DskipTests -pl bench,cli -am package}:
 * {@code java -cp bench/target/benchmarks.jar quantum.safety.bench.ExporterComparison [seconds] [warm-up seconds]
 * [sizes] [modes]}, defaults {@code 30 20 10,1000,10000 kernel,legacy}; {@code bench/run-exporter.sh} does all that.
 */
public final class ExporterComparison {

    /** A window of an hour keeps the seeded bucket current for a whole mode and size. */
    static final int WINDOW_SECONDS = 3600;
    static final Path UNIT = Path.of("monitoring/systemd/quantum-safety-exporter.service");
    static final Path JAR = Path.of("cli/target/quantum-safety.jar");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final int seconds;
    private final int warmupSeconds;
    private final Optional<RedisExporterPeer> peer;
    private final ComparisonTable table = new ComparisonTable();
    private final List<String> checks = new ArrayList<>();

    private ExporterComparison(int seconds, int warmupSeconds, Optional<RedisExporterPeer> peer) {
        this.seconds = seconds;
        this.warmupSeconds = warmupSeconds;
        this.peer = peer;
    }

    public static void main(String[] args) throws Exception {
        int seconds;
        int warmup;
        int[] sizes;
        List<SeededState> modes;
        try {
            seconds = atLeast(1, args.length > 0 ? args[0] : "30", "seconds per measurement");
            warmup = atLeast(0, args.length > 1 ? args[1] : "20", "warm-up seconds");
            sizes = Arrays.stream((args.length > 2 ? args[2] : "10,1000,10000").split(","))
                    .mapToInt(s -> atLeast(1, s, "size")).toArray();
            modes = Arrays.stream((args.length > 3 ? args[3] : "kernel,legacy").split(","))
                    .map(SeededState::parse).toList();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\nusage: ExporterComparison [seconds] [warm-up seconds] "
                    + "[sizes, e.g. 10,1000,10000] [modes: kernel,legacy]");
            System.exit(2);
            return;
        }
        for (Path needed : List.of(UNIT, JAR)) {
            if (!Files.isRegularFile(needed)) {
                System.err.println(needed + " not found: run from the repository root after "
                        + "`mvn -B -q -DskipTests -pl bench,cli -am package` (bench/run-exporter.sh does both)");
                System.exit(2);
            }
        }
        Optional<RedisExporterPeer> peer = RedisExporterPeer.find();
        if (peer.isEmpty()) {
            System.err.println(RedisExporterPeer.notFound() + ". Its rows are skipped.");
        }
        new ExporterComparison(seconds, warmup, peer).run(sizes, modes);
    }

    private void run(int[] sizes, List<SeededState> modes) throws Exception {
        String loadBefore = MachineLine.loadAverage();
        String redisVersion;
        try (LocalRedis redis = LocalRedis.start()) {
            for (SeededState state : modes) {
                for (int symbols : sizes) {
                    compare(redis, state, symbols);
                }
            }
            redisVersion = MachineLine.redisVersion(redis);
        }
        System.out.println();
        System.out.println(table.markdown());
        System.out.println();
        checks.forEach(System.out::println);
        System.out.println();
        System.out.println(MachineLine.describe(loadBefore, MachineLine.loadAverage(), redisVersion, peer, seconds,
                warmupSeconds));
    }

    private void compare(LocalRedis redis, SeededState state, int symbols) throws Exception {
        String label = state.label() + ", " + symbols + " symbols: ";
        System.err.println(label + "seeding Redis");
        try (Jedis jedis = redis.connect()) {
            state.seed(jedis, System.currentTimeMillis(), WINDOW_SECONDS, symbols);
        }
        TargetFigures healthy = measureOurs(redis, state, symbols, label);
        if (peer.isPresent()) {
            measurePeer(peer.get(), redis, state, symbols, label, healthy.p99Ms());
        } else {
            table.skipped(state, symbols, "redis_exporter", "not found (see the message above the table)");
        }
        System.err.println(label + "Redis PING");
        try (Jedis ping = redis.connect()) {
            table.add(state, symbols, PacedMeasurement.run("Redis PING (floor)", ping::ping, OptionalLong.empty(),
                    redis, warmupSeconds, seconds), Double.NaN);
        }
    }

    /** The exporter as its unit starts it, then its {@code /-/healthy}; returns the latter, the floor. */
    private TargetFigures measureOurs(LocalRedis redis, SeededState state, int symbols, String label)
            throws Exception {
        int port = LocalRedis.freePort();
        ChildProcess exporter = UnitLaunch.start("the exporter", UNIT, JAR, redis,
                List.of("--web.listen-address=127.0.0.1:" + port, "--window=" + WINDOW_SECONDS + "s"));
        try {
            URL metrics = new URL("http://127.0.0.1:" + port + "/metrics");
            exporter.awaitReady("answer /metrics", START_TIMEOUT, Duration.ofMillis(200),
                    () -> ScrapeCheck.answers(metrics));
            checks.add(label + ScrapeCheck.quantumSafety(metrics, symbols));
            OptionalLong pid = OptionalLong.of(exporter.pid());
            System.err.println(label + "quantum-safety exporter /metrics");
            TargetFigures scrape = http("quantum-safety exporter (unit)", port, "/metrics", pid, redis, label);
            System.err.println(label + "quantum-safety exporter /-/healthy");
            TargetFigures healthy = http("`/-/healthy` (floor)", port, "/-/healthy", pid, redis, label);
            table.add(state, symbols, scrape, healthy.p99Ms());
            table.add(state, symbols, healthy, Double.NaN);
            return healthy;
        } finally {
            exporter.stop(Duration.ofSeconds(30));
        }
    }

    private void measurePeer(RedisExporterPeer exporter, LocalRedis redis, SeededState state, int symbols,
            String label, double healthyP99Ms) throws Exception {
        String target = "redis_exporter " + exporter.version();
        int port = LocalRedis.freePort();
        long bucket = RedisSchema.bucket(System.currentTimeMillis() / 1000, WINDOW_SECONDS);
        ChildProcess process = exporter.start(redis, port, ExporterBenchData.SCHEMA, bucket, state);
        try {
            URL metrics = new URL("http://127.0.0.1:" + port + "/metrics");
            try {
                process.awaitReady("answer /metrics", START_TIMEOUT, Duration.ofMillis(200),
                        () -> ScrapeCheck.answers(metrics));
            } catch (IOException e) {
                System.err.println(label + "redis_exporter did not start, its row is skipped: " + e.getMessage());
                table.skipped(state, symbols, "redis_exporter", "did not start (see the log above)");
                return;
            }
            checks.add(label + ScrapeCheck.redisExporter(metrics, symbols));
            System.err.println(label + target + " /metrics");
            table.add(state, symbols, http(target, port, "/metrics", OptionalLong.of(process.pid()), redis, label),
                    healthyP99Ms);
        } finally {
            process.stop(Duration.ofSeconds(30));
        }
    }

    private TargetFigures http(String target, int port, String path, OptionalLong pid, LocalRedis redis,
            String label) throws Exception {
        try (ScrapeConnection connection = ScrapeConnection.to("127.0.0.1", port, path)) {
            TargetFigures figures = PacedMeasurement.run(target, connection::get, pid, redis, warmupSeconds, seconds);
            if (connection.reconnects() > 0) {
                checks.add(label + target + " " + path + " closed the connection " + connection.reconnects()
                        + " times: those requests include a new connection");
            }
            return figures;
        }
    }

    private static int atLeast(int min, String text, String what) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the input
        }
        throw new IllegalArgumentException(what + " must be a whole number of at least " + min + ", not '" + text
                + "'");
    }
}
