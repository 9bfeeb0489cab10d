package quantum.safety.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import quantum.safety.kernel.RedisSchema;
import quantum.safety.process.ChildProcess;
import quantum.safety.process.LocalRedis;

/**
 * The reference exporter, oliver006/redis_exporter as Debian packages it ({@code prometheus-redis-exporter}), set up
 * to read the keys this exporter reads: the flags and counters one by one ({@code -check-single-keys}), the fault and
 * trade-intent streams ({@code -check-single-streams}), and the current window's per-symbol counters by pattern
 * ({@code -check-keys}, a SCAN like the old kernel's data needs); every other setting is its default.
 */
final class RedisExporterPeer {

    static final String ENV = "QUANTUM_SAFETY_BENCH_REDIS_EXPORTER";
    static final Path DEBIAN_BINARY = Path.of("/usr/bin/prometheus-redis-exporter");
    private static final Pattern VERSION = Pattern.compile("Exporter v?(\\S+)");

    private final Path binary;

    private RedisExporterPeer(Path binary) {
        this.binary = binary;
    }

    /**
     * The binary {@value #ENV} names (another build, to compare versions), else the Debian one, else
     * {@code prometheus-redis-exporter} or {@code redis_exporter} on PATH.
     */
    static Optional<RedisExporterPeer> find() {
        String named = System.getenv(ENV);
        if (named != null && !named.isBlank()) {
            Path binary = Path.of(named);
            return Files.isRegularFile(binary) && Files.isExecutable(binary)
                    ? Optional.of(new RedisExporterPeer(binary)) : Optional.empty();
        }
        if (Files.isExecutable(DEBIAN_BINARY)) {
            return Optional.of(new RedisExporterPeer(DEBIAN_BINARY));
        }
        return ChildProcess.onPath("prometheus-redis-exporter").or(() -> ChildProcess.onPath("redis_exporter"))
                .map(RedisExporterPeer::new);
    }

    /** Why {@link #find()} found nothing, and how to fix it. */
    static String notFound() {
        String named = System.getenv(ENV);
        if (named != null && !named.isBlank()) {
            return "redis_exporter not found: " + ENV + "=" + named + " is not an executable file";
        }
        return "redis_exporter not found (" + DEBIAN_BINARY + ", or prometheus-redis-exporter / redis_exporter on "
                + "PATH): install it with `apt-get install prometheus-redis-exporter` (bench/run-exporter.sh does, "
                + "as root)";
    }

    /** Its version as {@code -version} prints it, e.g. {@code 1.45.0-2+b4}. */
    String version() throws IOException, InterruptedException {
        ChildProcess.Completed run = ChildProcess.run(List.of(binary.toString(), "-version"), Duration.ofSeconds(10));
        Matcher m = VERSION.matcher(run.output() + run.errors());
        return m.find() ? m.group(1) : "unknown (" + binary + " -version said nothing recognisable)";
    }

    /** Starts it on {@code port} against {@code redis}, reading the keys of {@code state} in {@code bucket}. */
    ChildProcess start(LocalRedis redis, int port, RedisSchema schema, long bucket, SeededState state)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "-redis.addr=redis://" + redis.host() + ":" + redis.port(),
                "-web.listen-address=127.0.0.1:" + port));
        command.addAll(keyFlags(schema, bucket, state));
        System.err.println("command: " + String.join(" ", command));
        Path log = Files.createTempFile("redis-exporter-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        return ChildProcess.start("redis_exporter", builder, ChildProcess.Output.of(log, 40));
    }

    /** The flags that make it read what this exporter reads in {@code bucket}. */
    static List<String> keyFlags(RedisSchema schema, long bucket, SeededState state) {
        List<String> single = new ArrayList<>(List.of(schema.safeMode(), schema.killSwitch(), schema.executionMode(),
                schema.governorGate(), schema.globalRate(bucket), schema.decisionCounters(), schema.kernelTotals()));
        if (state == SeededState.KERNEL) {
            single.add(schema.symbolRanking(bucket));   // reported as its size: redis_exporter has no top-N of a ZSET
        }
        return List.of("-check-single-keys=" + String.join(",", single),
                "-check-single-streams=" + schema.faultStream() + "," + schema.tradeIntentStream(),
                "-check-keys=" + schema.symbolRatePattern(bucket));
    }
}
