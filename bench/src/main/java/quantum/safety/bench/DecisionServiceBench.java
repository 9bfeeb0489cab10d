package quantum.safety.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import quantum.safety.bench.ClosedLoop.Figures;
import quantum.safety.kernel.Decision;
import quantum.safety.kernel.FailureStats;
import quantum.safety.kernel.Intent;
import quantum.safety.kernel.KernelConfig;
import quantum.safety.kernel.Reason;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.SafetyKernel;
import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;
import quantum.safety.process.LocalRedis;
import quantum.safety.service.DecisionService;
import quantum.safety.service.ServiceConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

/**
 * The decision service next to what it is made of, side by side in one run against one redis-server it starts: a
 * Redis PING from Java (pooled Jedis), {@code SafetyKernel.decide()} in-process, a decision through the service from
 * Java (one keep-alive HTTP/1.1 connection per client on a plain socket, {@link KeepAliveDecider}) and from Python
 * ({@code clients/python/safety_kernel.py}, driven by {@code bench/python/decide_bench.py}, which also times a
 * raw-socket PING from Python). Each figure: a warm-up, then N seconds of closed-loop calls with 1 and with 8 clients
 * (Python: 8 threads and 8 processes). Limits are so high that nothing trips: every decision takes the full path.
 * Prints Markdown tables for {@code docs/benchmarks.md}.
 *
 * <pre>
 *   bench/run-service.sh [warmup-seconds] [measure-seconds]        (defaults 2 10)
 *   java -cp bench/target/benchmarks.jar quantum.safety.bench.DecisionServiceBench [warmup] [seconds]
 * </pre>
 * Run from the checkout (it finds {@code bench/python} and {@code clients/python} from the working directory up);
 * the interpreter is {@code python3} unless {@code QUANTUM_SAFETY_BENCH_PYTHON} names another.
 */
public final class DecisionServiceBench {

    private static final int CLIENTS = 8;
    static final int SERVICE_THREADS = ServiceConfig.DEFAULT_THREADS;
    private static final String[] SYMBOLS = {"BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "BNBUSDT", "ADAUSDT"};

    private DecisionServiceBench() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path repo = checkout();
        String python = System.getenv().getOrDefault("QUANTUM_SAFETY_BENCH_PYTHON", "python3");
        ClosedLoop load = new ClosedLoop(warmup, seconds);
        String loadBefore = loadAverage();

        try (LocalRedis redis = LocalRedis.start();
             UnifiedJedis benchRedis = connect(redis, SERVICE_THREADS, "quantum-safety-bench");
             // As `kernel serve` builds it: one connection per decision thread, one for probes, one for settings.
             UnifiedJedis serviceRedis = connect(redis, SERVICE_THREADS + 2, "quantum-safety-bench-service")) {
            SafetyKernel inProcess = kernel(benchRedis, "bench-in-process");
            SafetyKernel served = kernel(serviceRedis, "bench-service");
            long inProcessFailures = failures(inProcess);
            long servedFailures = failures(served);
            ServiceConfig config = ServiceConfig.builder().listenAddress("127.0.0.1:0").threads(SERVICE_THREADS)
                    .build("bench", "bench").build();
            Results r;
            try (DecisionService service = DecisionService.start(config, served)) {
                int port = service.port();
                System.err.println("service on 127.0.0.1:" + port + ", Redis " + redis.host() + ":" + redis.port());
                // Every Java path compiled before any is timed, so the first figure is not the JIT's.
                ClosedLoop jit = new ClosedLoop(0, Math.max(2, warmup));
                jit.run("warm-up", CLIENTS, n -> () -> "PONG".equals(benchRedis.ping()));
                jit.run("warm-up", CLIENTS, n -> inProcessCall(inProcess, n));
                jit.run("warm-up", CLIENTS, n -> new KeepAliveDecider(port, n));
                Figures ping1 = load.run("Java PING", 1, n -> () -> "PONG".equals(benchRedis.ping()));
                Figures ping8 = load.run("Java PING", CLIENTS, n -> () -> "PONG".equals(benchRedis.ping()));
                Figures decide1 = load.run("decide()", 1, n -> inProcessCall(inProcess, n));
                Figures decide8 = load.run("decide()", CLIENTS, n -> inProcessCall(inProcess, n));
                ServiceSideTime.Reading before = ServiceSideTime.read(service.registry());
                Figures http1 = load.run("service from Java", 1, n -> new KeepAliveDecider(port, n));
                double javaInside = ServiceSideTime.read(service.registry()).meanMicrosSince(before);
                Figures http8 = load.run("service from Java", CLIENTS, n -> new KeepAliveDecider(port, n));
                System.err.println("Java figures done; Python next");
                PythonDecideBench.Result py = new PythonDecideBench(python, repo)
                        .run(port, redis.host() + ":" + redis.port(), ProcessHandle.current().pid(), redis.pid(), warmup,
                                seconds, CLIENTS);
                r = new Results(ping1, ping8, decide1, decide8, http1, http8, javaInside, py);
            }
            requireNoFailures(inProcess, inProcessFailures, "in-process");
            requireNoFailures(served, servedFailures, "service");
            String redisVersion;
            try (Jedis jedis = redis.connect()) {
                redisVersion = jedis.info("server").lines().filter(l -> l.startsWith("redis_version:"))
                        .map(l -> l.substring(14).trim()).findFirst().orElse("?");
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "%d s per figure after %d s warm-up; %d cores, JDK %s, Redis %s (%s), "
                            + "Python %s; load average %s before, %s after%n%n", seconds, warmup,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), redisVersion,
                    redis.source().name().toLowerCase(Locale.ROOT), r.py().version(), loadBefore, loadAverage());
            System.out.println(report(r));
            System.out.println("Python client stats: " + r.py().clientStats());
        }
        System.exit(0);
    }

    /** {@code javaInside}: the service's own mean for the decisions of {@code http1}, in µs. */
    record Results(Figures ping1, Figures ping8, Figures decide1, Figures decide8, Figures http1, Figures http8,
                   double javaInside, PythonDecideBench.Result py) {
    }

    static UnifiedJedis connect(LocalRedis redis, int connections, String name) {
        return RedisConnector.to(RedisEndpoint.standalone(redis.host(), redis.port()), RedisCredentials.none())
                .maxConnections(connections).clientName(name)
                .forDecisions(KernelConfig.DEFAULT_DECISION_TIMEOUT).open();
    }

    static SafetyKernel kernel(UnifiedJedis redis, String id) throws InterruptedException {
        SafetyKernel kernel = SafetyKernel.create(KernelConfig.builder().globalMax(Integer.MAX_VALUE)
                .symbolMax(Integer.MAX_VALUE).kernelId(id).build(), redis, RedisSchema.legacy());
        // The first call connects and loads the script within the 250 ms decision deadline, which a busy machine
        // can miss; a few tries, and the figures are checked against the failures counted after them.
        Decision first = kernel.decide(Intent.of("BTCUSDT", "BUY"));
        for (int attempt = 1; first.reason() != Reason.OK && attempt < 5; attempt++) {
            TimeUnit.MILLISECONDS.sleep(200);
            first = kernel.decide(Intent.of("BTCUSDT", "BUY"));
        }
        if (first.reason() != Reason.OK) {
            throw new IllegalStateException("the kernel does not decide OK against the benchmark Redis: " + first);
        }
        return kernel;
    }

    /** A client of the in-process kernel, cycling through a few symbols like the HTTP clients. */
    private static ClosedLoop.Call inProcessCall(SafetyKernel kernel, int client) {
        Intent[] intents = new Intent[SYMBOLS.length * 2];
        for (int i = 0; i < intents.length; i++) {
            intents[i] = Intent.of(SYMBOLS[i / 2], i % 2 == 0 ? "BUY" : "SELL");
        }
        int[] next = {client % intents.length};
        return () -> {
            Intent intent = intents[next[0]];
            next[0] = next[0] + 1 == intents.length ? 0 : next[0] + 1;
            return kernel.decide(intent).reason() == Reason.OK;
        };
    }

    static long failures(SafetyKernel kernel) {
        FailureStats f = kernel.failures();
        return f.failOpen() + f.failClosed() + f.configErrors() + f.lastKnownBlocks();
    }

    private static void requireNoFailures(SafetyKernel kernel, long atStart, String which) {
        long failed = failures(kernel) - atStart;
        if (failed > 0) {
            // A decision that never reached Redis: its latency is not a decision's latency.
            throw new IllegalStateException(failed + " decisions of the " + which + " kernel were taken without "
                    + "Redis; the figures of this run are invalid");
        }
    }

    static String report(Results r) {
        PythonDecideBench.Result py = r.py();
        double javaPing = r.ping1().p50Micros();
        double pyPing = py.ping().p50Micros();
        StringBuilder sb = new StringBuilder();
        sb.append("| path | p50 µs | p99 µs | calls/s, 1 client | calls/s, 8 threads | calls/s, 8 processes "
                + "| p50 / Java PING | p50 / Python PING |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        row(sb, "Redis PING from Java (Jedis, pooled)", r.ping1(), r.ping8(), null, javaPing, pyPing);
        row(sb, "Redis PING from Python (raw socket)", py.ping(), py.pingThreads(), py.pingProcesses(), javaPing,
                pyPing);
        py.redisPy().ifPresent(f -> sb.append(String.format(Locale.ROOT, "| Redis PING from Python (redis-py %s) "
                + "| %.0f | %.0f | %,.0f | – | – | %.2f | %.2f |%n", py.redisPyVersion(), f.p50Micros(), f.p99Micros(),
                f.perSecond(), f.p50Micros() / javaPing, f.p50Micros() / pyPing)));
        row(sb, "`SafetyKernel.decide()` in-process (Java)", r.decide1(), r.decide8(), null, javaPing, pyPing);
        row(sb, "service from Java (keep-alive socket)", r.http1(), r.http8(), null, javaPing, pyPing);
        row(sb, "service from Python (`safety_kernel.py`)", py.decide(), py.decideThreads(), py.decideProcesses(),
                javaPing, pyPing);
        sb.append("\nWith 8 clients:\n\n| path | p50 µs, 8 threads | p99 µs, 8 threads | p50 µs, 8 processes "
                + "| p99 µs, 8 processes |\n|---|---:|---:|---:|---:|\n");
        eight(sb, "Redis PING from Java", r.ping8(), null);
        eight(sb, "Redis PING from Python", py.pingThreads(), py.pingProcesses());
        eight(sb, "`SafetyKernel.decide()` in-process", r.decide8(), null);
        eight(sb, "service from Java", r.http8(), null);
        eight(sb, "service from Python", py.decideThreads(), py.decideProcesses());
        sb.append("\nWhere a decision's time goes, 1 client, means in µs (inside = the service's own histogram, "
                + "request read → decided):\n\n| caller | seen by the caller | inside the service | of which "
                + "`decide()` (in-process figure) | handoff, parse, metrics | outside: HTTP, Netty I/O, loopback, "
                + "client |\n|---|---:|---:|---:|---:|---:|\n");
        split(sb, "Java (keep-alive socket)", r.http1().meanMicros(), r.javaInside(), r.decide1().meanMicros());
        split(sb, "Python (`safety_kernel.py`)", py.decide().meanMicros(), py.serviceMeanMicros(),
                r.decide1().meanMicros());
        sb.append("\nCPU per call while measuring, µs (/proc: the Python client's own; the JVM holding the service by "
                + "threads; redis-server):\n\n| figure | Python client | service: Netty I/O | service: decision "
                + "threads | service: JIT, GC, other | redis-server | total | 2 cores ÷ total (calls/s) |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|\n");
        py.cpu().forEach((figure, cpu) -> sb.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f "
                        + "| %.0f | %.0f | %,.0f |%n", figureName(figure), cpu.client(), cpu.serviceIo(),
                cpu.serviceDecide(), cpu.serviceOther(), cpu.redis(), cpu.total(), 2e6 / cpu.total())));
        double best8 = Math.max(py.decideThreads().perSecond(), py.decideProcesses().perSecond());
        String redisPy = py.redisPy().map(f -> String.format(Locale.ROOT, ", %.2f× redis-py PING",
                py.decide().p50Micros() / f.p50Micros())).orElse("");
        sb.append(String.format(Locale.ROOT, "%nTargets, service from Python: p50 %.2f× Python PING, %.2f× Java "
                        + "PING%s (target ≤ 4×); p99 %.0f µs (target < 2,000 µs); %,.0f decisions/s with 8 clients "
                        + "(best of threads and processes; target ≥ 10,000).%n", py.decide().p50Micros() / pyPing,
                py.decide().p50Micros() / javaPing, redisPy, py.decide().p99Micros(), best8));
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, Figures one, Figures threads, Figures processes,
                            double javaPing, double pyPing) {
        sb.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %,.0f | %,.0f | %s | %.2f | %.2f |%n", name,
                one.p50Micros(), one.p99Micros(), one.perSecond(), threads.perSecond(),
                processes == null ? "–" : String.format(Locale.ROOT, "%,.0f", processes.perSecond()),
                one.p50Micros() / javaPing, one.p50Micros() / pyPing));
    }

    private static String figureName(String figure) {
        return figure.replace("ping", "PING from Python,").replace("decide", "service from Python,")
                .replace(" 1", " 1 client").replace("threads", "8 threads").replace("processes", "8 processes");
    }

    private static void split(StringBuilder sb, String caller, double seen, double inside, double decide) {
        sb.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f | %.0f |%n", caller, seen, inside,
                decide, inside - decide, seen - inside));
    }

    private static void eight(StringBuilder sb, String name, Figures threads, Figures processes) {
        sb.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %s | %s |%n", name, threads.p50Micros(),
                threads.p99Micros(), processes == null ? "–" : String.format(Locale.ROOT, "%.0f",
                        processes.p50Micros()),
                processes == null ? "–" : String.format(Locale.ROOT, "%.0f", processes.p99Micros())));
    }

    /** The checkout: the first folder up from the working directory that holds bench/python/decide_bench.py. */
    private static Path checkout() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bench/python/decide_bench.py"))) {
                return dir;
            }
        }
        throw new IllegalStateException("bench/python/decide_bench.py not found from " + Path.of("").toAbsolutePath()
                + " up; run from the checkout (bench/run-service.sh does)");
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
