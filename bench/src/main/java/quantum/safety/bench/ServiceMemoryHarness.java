package quantum.safety.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import quantum.safety.process.ChildProcess;
import quantum.safety.process.LocalRedis;
import redis.clients.jedis.Jedis;

/**
 * The decision service's resident memory as its systemd unit runs it, for the unit's MemoryHigh/MemoryMax and the
 * {@code QuantumSafetyDecisionServiceMemoryHigh} threshold: {@code kernel serve} from the runnable jar with the JVM
 * flags of the unit's {@code ExecStart} and its {@code Environment=} lines, against a local Redis, its limits raised so
 * high that nothing trips (every decision takes the full counting path).
 *
 * <p>Phases, each reporting {@code process_resident_memory_bytes} as the service itself exports it (what the alert
 * reads): idle (one scrape every 15 s, Prometheus' interval), load (keep-alive clients posting {@code /v1/decide} over
 * a set of symbols as fast as the service answers, one scrape a second), idle again. No cgroup limit applies here: the
 * figures are what the process takes when nothing reclaims its pages. After the load it prints the service's own
 * count of decisions by reason and of rejections, so a run where anything tripped or was turned away shows it.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar quantum.safety.bench.ServiceMemoryHarness <jar> [unit file]
 * [idle minutes] [load seconds] [clients] [symbols]}.
 */
public final class ServiceMemoryHarness {

    /** Far above what any run reaches in one window, so no decision trips SAFE MODE. */
    private static final int NO_LIMIT = 1_000_000_000;

    private ServiceMemoryHarness() {
    }

    public static void main(String[] args) throws Exception {
        MemoryHarnessArgs run = MemoryHarnessArgs.parse(args, "monitoring/systemd/quantum-safety-kernel.service");
        int clients = run.extra(4, 8);
        int symbols = run.extra(5, 100);
        try (LocalRedis redis = LocalRedis.start()) {
            try (Jedis jedis = redis.connect()) {
                System.out.println("Redis " + jedis.info("server").lines()
                        .filter(l -> l.startsWith("redis_version")).findFirst().orElse("") + ", Java "
                        + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                        + " CPUs");
            }
            int port = LocalRedis.freePort();
            ChildProcess service = UnitLaunch.start("the decision service", run.unit(), run.jar(), redis,
                    List.of("--web.listen-address=127.0.0.1:" + port, "--global-max=" + NO_LIMIT,
                            "--symbol-max=" + NO_LIMIT));
            try {
                String base = "http://127.0.0.1:" + port;
                service.awaitReady("say ready on /-/ready", Duration.ofMinutes(2), Duration.ofMillis(200),
                        () -> status(new URL(base + "/-/ready")) == 200);
                Duration idle = Duration.ofMinutes(run.idleMinutes());
                ResidentMemory.measure(new URL(base + "/metrics"), idle,
                        m -> load(port, m, run.loadSeconds(), clients, symbols), idle);
            } finally {
                service.stop(Duration.ofSeconds(30));
            }
        }
    }

    /**
     * {@code clients} keep-alive connections, each posting {@code /v1/decide} as soon as its last answer arrived, for
     * {@code seconds}; the RSS is read once a second meanwhile. Prints the answers by status and the service's own
     * decisions by reason.
     */
    private static ResidentMemory.Phase load(int port, URL metrics, int seconds, int clients, int symbols)
            throws Exception {
        ResidentMemory.Phase phase = new ResidentMemory.Phase(
                "load, " + clients + " keep-alive clients, " + seconds + " s");
        List<byte[]> requests = new ArrayList<>();
        for (int i = 0; i < symbols; i++) {
            requests.add(KeepAliveClient.post("/v1/decide", "{\"symbol\":\"SYM" + i + "USDT\",\"side\":\""
                    + (i % 2 == 0 ? "BUY" : "SELL") + "\",\"correlation_id\":\"memory-" + i + "\"}"));
        }
        Map<Integer, LongAdder> answers = new ConcurrentHashMap<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int first = c;
                running.add(pool.submit(() -> {
                    try (KeepAliveClient client = KeepAliveClient.connect("127.0.0.1", port)) {
                        for (int i = first; System.nanoTime() < end; i++) {
                            int status = client.send(requests.get(i % requests.size()));
                            answers.computeIfAbsent(status, s -> new LongAdder()).increment();
                        }
                    }
                    return null;
                }));
            }
            while (System.nanoTime() < end) {
                phase.sample(metrics);
                TimeUnit.SECONDS.sleep(1);
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
        phase.sample(metrics);
        long total = answers.values().stream().mapToLong(LongAdder::sum).sum();
        System.out.printf("load: %,d answers in %d s (%,.0f/s), by status %s%n", total, seconds,
                total / (double) seconds, answers);
        decisionCounts(metrics).forEach(line -> System.out.println("  " + line));
        return phase.end();
    }

    /** The service's decisions by reason and rejections by cause that are not zero, as its /metrics says. */
    private static List<String> decisionCounts(URL metrics) throws IOException {
        HttpURLConnection conn = (HttpURLConnection) metrics.openConnection();
        try (InputStream in = conn.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith("quantum_safety_service_decision_duration_seconds_count")
                            || l.startsWith("quantum_safety_service_rejected_total"))
                    .filter(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) != 0)
                    .toList();
        }
    }

    private static int status(URL url) throws IOException {
        HttpURLConnection conn = (HttpURLConnection) url.openConnection();
        int code = conn.getResponseCode();
        try (InputStream body = code < 400 ? conn.getInputStream() : conn.getErrorStream()) {
            if (body != null) {
                body.readAllBytes();
            }
        }
        return code;
    }
}
