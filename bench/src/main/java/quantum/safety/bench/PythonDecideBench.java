package quantum.safety.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import quantum.safety.bench.ClosedLoop.Figures;

/**
 * Runs {@code bench/python/decide_bench.py} against the running service and Redis and reads its JSON: the Python
 * client's decisions and a raw-socket PING from Python, each with 1 client and with 8 threads and 8 processes.
 */
final class PythonDecideBench {

    /**
     * The Python side of one run. {@code turn…}: 1 client making a raw-socket PING, a decision and a redis-py PING
     * (when installed) in turn, each timed on its own. The others: each as its own closed loop with 1 client, 8 threads
     * and 8 processes (redis-py: 1 client).
     */
    record Result(String version, Figures turnPing, Figures turnDecide, Optional<Figures> turnRedisPy,
                  Optional<Figures> redisPy, String redisPyVersion, Figures ping, Figures pingThreads, Figures pingProcesses, Figures decide,
                  Figures decideThreads, Figures decideProcesses, double serviceMeanMicros, Map<String, Cpu> cpu,
                  String clientStats) {
    }

    /**
     * CPU µs per call while measuring: the Python client's own, the JVM holding the service (its Netty I/O threads,
     * its decision threads, the rest: JIT, GC, …), redis-server.
     */
    record Cpu(double client, double serviceIo, double serviceDecide, double serviceOther, double redis) {
        double service() {
            return serviceIo + serviceDecide + serviceOther;
        }

        double total() {
            return client + service() + redis;
        }
    }

    private final String python;
    private final Path repo;

    PythonDecideBench(String python, Path repo) {
        this.python = python;
        this.repo = repo;
    }

    /** {@code servicePid} and {@code redisPid}: whose CPU time per call to report. */
    Result run(int servicePort, String redisHostPort, long servicePid, long redisPid, int warmupSeconds, int seconds,
               int clients) throws IOException, InterruptedException {
        Path script = repo.resolve("bench/python/decide_bench.py");
        Path client = repo.resolve("clients/python");
        if (!Files.isRegularFile(client.resolve("safety_kernel.py"))) {
            throw new IllegalStateException(client.resolve("safety_kernel.py") + " is missing; run from a checkout "
                    + "that has the Python client");
        }
        List<String> command = new ArrayList<>(List.of(python, script.toString(),
                "--service", "http://127.0.0.1:" + servicePort, "--redis", redisHostPort, "--client", client.toString(),
                "--warmup", Integer.toString(warmupSeconds), "--seconds", Integer.toString(seconds),
                "--clients", Integer.toString(clients), "--pids", "service=" + servicePid + ",redis=" + redisPid));
        Path out = Files.createTempFile("decide-bench-", ".json");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            // 8 figures, each warm-up + measurement, plus the processes' start.
            long limit = 8L * (warmupSeconds + seconds) + 60;
            if (!process.waitFor(limit, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("decide_bench.py did not finish within " + limit + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("decide_bench.py exited with " + process.exitValue()
                        + " (its error is above)");
            }
            return parse(Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static Result parse(String json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        JsonNode ping = root.path("ping");
        JsonNode decide = root.path("decide");
        JsonNode turn = root.path("in_turn");
        return new Result(root.path("python").asText(), figures("ping in turn", turn.path("ping")),
                figures("decide in turn", turn.path("decide")),
                turn.has("redis_py") ? Optional.of(figures("redis-py ping in turn", turn.path("redis_py")))
                        : Optional.empty(),
                root.has("redis_py") ? Optional.of(figures("redis-py ping", root.path("redis_py"))) : Optional.empty(),
                root.path("redis_py_version").asText(""),
                figures("ping 1", ping.path("1")), figures("ping threads", ping.path("threads")),
                figures("ping processes", ping.path("processes")), figures("decide 1", decide.path("1")),
                figures("decide threads", decide.path("threads")), figures("decide processes", decide.path("processes")),
                decide.path("1").path("service_mean_us").asDouble(Double.NaN), cpu(root),
                root.path("client_stats").toString());
    }

    /** By figure: "ping 1", "ping threads", …, "decide processes". */
    private static Map<String, Cpu> cpu(JsonNode root) {
        Map<String, Cpu> cpu = new LinkedHashMap<>();
        for (String what : List.of("ping", "decide")) {
            for (String mode : List.of("1", "threads", "processes")) {
                JsonNode used = root.path(what).path(mode).path("cpu_us_per_call");
                cpu.put(what + " " + mode, new Cpu(used.path("client").asDouble(Double.NaN),
                        used.path("service_io").asDouble(0), used.path("service_decide").asDouble(0),
                        used.path("service_other").asDouble(0), used.path("redis").asDouble(Double.NaN)));
            }
        }
        return cpu;
    }

    private static Figures figures(String name, JsonNode node) {
        if (!node.has("p50_us")) {
            throw new IllegalStateException("decide_bench.py gave no figures for " + name);
        }
        long failed = node.path("failed").asLong();
        if (failed > 0) {
            throw new IllegalStateException("Python " + name + ": " + failed + " calls did not get the expected "
                    + "answer; the figures of this run are invalid");
        }
        return new Figures(node.path("p50_us").asDouble(), node.path("p99_us").asDouble(),
                node.path("mean_us").asDouble(), node.path("per_second").asDouble());
    }
}
