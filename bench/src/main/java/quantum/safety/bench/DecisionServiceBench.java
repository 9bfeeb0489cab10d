package quantum.safety.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * raw-socket PING and a redis-py PING from Python). Latency: one Java client and one Python client each make their
 * calls in turn, each timed on its own, so that a PING and a decision are measured at the same moments of a machine
 * whose speed drifts; and each call in a closed loop of its own. Calls per second: each path on its own with 1 and 8
 * clients (Python: 8 threads and 8 processes), each for N seconds after a warm-up. Also where a decision's time goes
 * (the service's own latency histogram next to what the caller saw) and the CPU time per call of each process. Limits
 * are so high that nothing trips: every decision takes the full path. Prints Markdown tables for
 * {@code docs/benchmarks.md}.
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
                // Latency: the three Java paths in turn from one client, so that drift hits them alike.
                List<Figures> turn = load.inTurn("Java in turn", List.of(() -> "PONG".equals(benchRedis.ping()),
                        inProcessCall(inProcess, 0), new KeepAliveDecider(port, 0)));
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
                r = new Results(turn.get(0), turn.get(1), turn.get(2), ping1, ping8, decide1, decide8, http1, http8,
                        javaInside, py);
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
            System.out.println(ServiceBenchReport.of(r));
            System.out.println("Python client stats: " + r.py().clientStats());
        }
        System.exit(0);
    }

    /**
     * A run's figures: {@code turn…} from one Java client making the three calls in turn, the others each from its
     * own closed loop; {@code javaInside}: the service's own mean for the decisions of {@code http1}, in µs.
     */
    record Results(Figures turnPing, Figures turnDecide, Figures turnHttp, Figures ping1, Figures ping8,
                   Figures decide1, Figures decide8, Figures http1, Figures http8, double javaInside,
                   PythonDecideBench.Result py) {
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
