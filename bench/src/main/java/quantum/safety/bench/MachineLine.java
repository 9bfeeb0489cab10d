package quantum.safety.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import quantum.safety.process.ChildProcess;
import quantum.safety.process.LocalRedis;
import redis.clients.jedis.Jedis;

/** The lines under a comparison's table that say where and how it was measured, so it can be pasted as it is. */
final class MachineLine {

    private MachineLine() {
    }

    /** The 1, 5 and 15 minute load averages, as {@code uptime} prints them. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String redisVersion(LocalRedis redis) {
        try (Jedis jedis = redis.connect()) {
            String version = jedis.info("server").lines().filter(l -> l.startsWith("redis_version:"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
            return version + " (" + (redis.source() == LocalRedis.Source.PATH ? "redis-server on PATH" : "embedded")
                    + ", loopback)";
        }
    }

    static String describe(String loadBefore, String loadAfter, String redisVersion,
            Optional<RedisExporterPeer> peer, int seconds, int warmupSeconds) throws InterruptedException {
        int requests = seconds * PacedMeasurement.REQUESTS_PER_SECOND;
        return "Machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, load average (1/5/15 min) "
                + loadBefore + " before, " + loadAfter + " after; " + javaVersion() + "; Redis " + redisVersion
                + "; redis_exporter " + peerVersion(peer) + ".\nEach target: " + warmupSeconds + " s warm-up, then "
                + seconds + " s at " + PacedMeasurement.REQUESTS_PER_SECOND + " requests/s, one at a time (" + requests
                + " requests; fewer for a target slower than the pace). CPU from /proc/PID/stat counts 10 ms ticks: "
                + "±10 ms ÷ requests per request (±" + String.format("%.2f", 10.0 / requests) + " ms at " + requests
                + "). RSS from /proc/PID/status (RssAnon / RssFile), sampled once a second."
                + " Redis CPU (INFO) includes its own background work: the PING row shows that floor.";
    }

    /** The first line of {@code java -version}: the JVM the unit's command runs on ({@code java} on PATH). */
    private static String javaVersion() throws InterruptedException {
        try {
            ChildProcess.Completed run = ChildProcess.run(List.of("java", "-version"), Duration.ofSeconds(30));
            return (run.output() + run.errors()).lines().findFirst().orElse("java: no version");
        } catch (IOException e) {
            return "java -version failed: " + e.getMessage();
        }
    }

    private static String peerVersion(Optional<RedisExporterPeer> peer) throws InterruptedException {
        if (peer.isEmpty()) {
            return "not found";
        }
        try {
            return peer.get().version();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
