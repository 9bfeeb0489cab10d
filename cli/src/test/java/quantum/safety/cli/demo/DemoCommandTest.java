package quantum.safety.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine;
import quantum.safety.cli.Main;
import quantum.safety.process.LocalRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

class DemoCommandTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** Small timings: a trip 1.5 s in, SAFE MODE for 2 s, the kill switch drill at 3.75 s, the next burst at 5.5 s. */
    private static final List<String> FAST = List.of("--window=1s", "--cooldown=2s", "--rate=6",
            "--status-interval=500ms", "--seed=7");

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private static List<String> args(int port, String... more) {
        List<String> args = new ArrayList<>(List.of("demo", "--web.listen-address=127.0.0.1:" + port));
        args.addAll(FAST);
        args.addAll(List.of(more));
        return args;
    }

    @ParameterizedTest(name = "redis.server={0}")
    @ValueSource(strings = {"auto", "embedded"})
    void aNewcomerSeesSafeModeFlipFaultsCountedAndTopSymbolsThenEverythingIsGone(String server) throws Exception {
        int port = LocalRedis.freePort();
        CompletableFuture<Run> demo = CompletableFuture.supplyAsync(
                () -> run(args(port, "--duration=8s", "--redis.server=" + server)));

        AtomicBoolean safeModeOn = new AtomicBoolean();
        AtomicBoolean faultsCounted = new AtomicBoolean();
        AtomicBoolean topSymbols = new AtomicBoolean();
        AtomicBoolean intentsPublished = new AtomicBoolean();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            String metrics = scrape(port);
            safeModeOn.compareAndSet(false, value(metrics, "quantum_safety_safe_mode") == 1);
            faultsCounted.compareAndSet(false, value(metrics, "quantum_safety_faults_total") > 0);
            topSymbols.compareAndSet(false, metrics.contains("quantum_safety_rate_symbol_top{rank=\"1\",symbol=\""));
            intentsPublished.compareAndSet(false, value(metrics, "quantum_trade_intents_total") > 0);
            return safeModeOn.get() && faultsCounted.get() && topSymbols.get() && intentsPublished.get();
        });

        Run run = demo.get(30, TimeUnit.SECONDS);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("http://127.0.0.1:" + port + "/metrics",
                "curl -s 127.0.0.1:" + port + "/metrics | grep quantum_safety_safe_mode",
                "quantum-safety kernel decide --redis.addr=redis://127.0.0.1:", "monitoring/prometheus/prometheus.yml",
                "SAFE MODE ON (ttl", "demo stopped", "the decision service (kernel serve) on the demo's kernel");
        java.util.regex.Matcher service = java.util.regex.Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/v1/decide")
                .matcher(run.out());
        assertThat(service.find()).as("the guide names the decision service").isTrue();
        assertThat(run.out()).contains("curl -s -XPOST 127.0.0.1:" + service.group(1) + "/v1/decide");
        try (ServerSocket again = new ServerSocket(Integer.parseInt(service.group(1)), 1,
                InetAddress.getByName("127.0.0.1"))) {
            assertThat(again.getLocalPort()).as("the decision service's port is free again").isPositive();
        }
        if (server.equals("embedded")) {
            assertThat(run.out()).contains("Redis 6.2 from the embedded-redis artifact");
        }
        assertThat(run.out()).containsPattern("  Archive   postgresql://quantum@127\\.0\\.0\\.1:\\d+/quantum_archive")
                .containsPattern("archive: [1-9]\\d* events were archived in PostgreSQL");

        int redisPort = redisPort(run.out());
        assertThatThrownBy(() -> new Socket("127.0.0.1", redisPort).close())
                .as("the private Redis is stopped").isInstanceOf(IOException.class);
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(again.getLocalPort()).as("the exporter's port is free again").isEqualTo(port);
        }
    }

    @Test
    void anExistingRedisGetsTheStateEveryPanelNeedsAndAnAuditedKillSwitchDrill() throws Exception {
        try (LocalRedis redis = LocalRedis.start()) {
            Run run = run(args(LocalRedis.freePort(), "--duration=6s", "--redis.addr=" + redis.uri()));
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("an existing Redis, given by --redis.addr; left running");

            try (Jedis jedis = redis.connect()) {
                assertThat(jedis.get("quantum:mode")).isEqualTo("TESTNET");
                assertThat(jedis.get("quantum:governor:execution")).isEqualTo("ENABLED");
                assertThat(jedis.get("quantum:kill")).as("the drill released the kill switch").isEqualTo("0");
                List<StreamEntry> audit = jedis.xrange("quantum:stream:safety.audit", (StreamEntryID) null, null);
                assertThat(audit).filteredOn(e -> "demo".equals(e.getFields().get("actor")))
                        .extracting(e -> e.getFields().get("event")).containsExactly("KILL_ON", "KILL_OFF");
                assertThat(jedis.xlen("quantum:stream:safety.fault")).isPositive();
                Map<String, String> decisions = jedis.hgetAll("quantum:safety:decisions");
                assertThat(decisions).containsKeys("OK", "SAFE_MODE_ENABLED", "SYMBOL_RATE_EXCEEDED");
                List<StreamEntry> intents = jedis.xrange("quantum:stream:trade.intent", (StreamEntryID) null, null);
                assertThat(intents).isNotEmpty().allSatisfy(e -> {
                    assertThat(e.getFields()).containsOnlyKeys("data");
                    assertThat(e.getFields().get("data")).startsWith("{\"symbol\":\"").contains("\"reduce_only\":");
                });
                assertThat(intents).anySatisfy(e -> assertThat(e.getFields().get("data")).contains("\"reduce_only\":true"));
            }
        }
    }

    @Test
    void anExistingRedisInLiveModeIsRefusedUntouched() throws Exception {
        try (LocalRedis redis = LocalRedis.start(); Jedis jedis = redis.connect()) {
            jedis.set("quantum:mode", "LIVE");
            Run run = run(args(LocalRedis.freePort(), "--duration=5s", "--redis.addr=" + redis.uri()));
            assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
            assertThat(run.err()).contains("quantum:mode=LIVE").contains("leave --redis.addr out");
            assertThat(jedis.keys("*")).containsExactly("quantum:mode");
        }
    }

    @Test
    void aTakenPortExitsWithUsageAndNamesTheNextOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Run run = run(args(port, "--duration=5s"));
            assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
            assertThat(run.err().lines().filter(l -> !l.isBlank()).toList()).singleElement().asString()
                    .contains("cannot listen on 127.0.0.1:" + port)
                    .contains("--web.listen-address=127.0.0.1:" + (port + 1));
            assertThat(run.out()).doesNotContain("Live status");
        }
    }

    @Test
    void badTimingsExitWithUsageNamingTheFlag() {
        Run run = run(List.of("demo", "--window=1500ms"));
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("--window=1500ms is not a whole number of seconds");
        assertThat(run(List.of("demo", "--redis.server=docker")).err()).contains("--redis.server=docker is not auto, path or embedded");
        Run archive = run(List.of("demo", "--archive.server=docker"));
        assertThat(archive.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(archive.err()).contains("--archive.server=docker is not auto, local, embedded or off");
        Run offAndUrl = run(List.of("demo", "--archive.server=off",
                "--archive.url=postgresql://quantum@127.0.0.1:1/x"));
        assertThat(offAndUrl.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(offAndUrl.err()).contains("--archive.server=off and --archive.url contradict each other");
        Run password = run(List.of("demo", "--archive.url=postgresql://quantum:hunter2@127.0.0.1:5432/x"));
        assertThat(password.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(password.err()).contains("--archive.url").doesNotContain("hunter2");
    }

    @Test
    void theHelpExplainsEveryFlagWithItsEnvTwinAndAnExample() {
        Run help = run(List.of("demo", "--help"));
        assertThat(help.exitCode()).isZero();
        for (String flag : List.of("--web.listen-address", "--redis.addr", "--redis.server", "--duration", "--window",
                "--cooldown", "--global-max", "--symbol-max", "--rate", "--threads", "--seed", "--status-interval",
                "--log.level", "--archive.server", "--archive.url", "--archive.password-file")) {
            assertThat(help.out()).contains(flag);
        }
        assertThat(help.out()).contains("QUANTUM_SAFETY_DEMO_LISTEN_ADDRESS", "QUANTUM_SAFETY_DEMO_REDIS_ADDR",
                "QUANTUM_SAFETY_DEMO_SEED", "QUANTUM_SAFETY_DEMO_ARCHIVE_SERVER", "QUANTUM_SAFETY_DEMO_ARCHIVE_URL",
                "Examples:", "quantum-safety demo --web.listen-address=:9106", "quantum-safety demo --archive.server=off");
    }

    private static String scrape(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private static double value(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static int redisPort(String out) {
        Matcher m = Pattern.compile("Redis +redis://127\\.0\\.0\\.1:(\\d+)").matcher(out);
        assertThat(m.find()).as("the Redis line in:%n%s", out).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
