package quantum.safety.cli.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;
import quantum.safety.cli.Main;
import quantum.safety.testkit.LocalRedis;

class ExporterCommandTest {

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void theHelpExplainsEveryFlagWithItsEnvTwinAndAnExample() {
        Run help = run("exporter", "--help");
        assertThat(help.exitCode()).isZero();
        for (String flag : List.of("--web.listen-address", "--web.config.file", "--web.max-scrape-timeout", "--window",
                "--faults.top-symbols", "--collector.top5-info", "--no-collector.top5-info", "--deployment", "--redis.addr", "--log.level")) {
            assertThat(help.out()).contains(flag);
        }
        assertThat(help.out()).contains("QUANTUM_SAFETY_WEB_LISTEN_ADDRESS", "legacy PORT", "SAFETY_WINDOW_SEC",
                "QUANTUM_SAFETY_COLLECTOR_TOP5_INFO", "QUANTUM_SAFETY_DEPLOYMENT", "Examples:");
    }

    private static ExporterCommand parse(String... args) {
        CommandLine cli = new CommandLine(new ExporterCommand());
        cli.parseArgs(args);
        return cli.getCommand();
    }

    @Test
    void top5InfoIsOnByDefaultAndTurnsOffEitherWay() {
        // (The test JVM has no QUANTUM_SAFETY_COLLECTOR_TOP5_INFO, so the default applies.)
        assertThat(parse().config().top5Info()).isTrue();
        assertThat(parse("--collector.top5-info").config().top5Info()).isTrue();
        assertThat(parse("--no-collector.top5-info").config().top5Info()).isFalse();
        assertThat(parse("--collector.top5-info=false").config().top5Info()).isFalse();
    }

    @Test
    void listenAddressesRepeatOrSplitOnCommasAndDefaultToTheDualStackPort() {
        assertThat(parse().config().listenAddresses()).containsExactly(":9105");
        assertThat(parse("--web.listen-address=127.0.0.1:1", "--web.listen-address=[::1]:2,:3").config()
                .listenAddresses()).containsExactly("127.0.0.1:1", "[::1]:2", ":3");
        assertThat(parse("--window=15s").config().windowSeconds()).isEqualTo(15);
        assertThat(parse("--window=15").config().windowSeconds()).isEqualTo(15);
    }

    @Test
    void badFlagValuesExitWithTheUsageCodeAndALineNamingTheFlag() {
        Map<List<String>, String> cases = Map.of(
                List.of("--window=1500ms"), "--window=1500ms",
                List.of("--window=soon"), "soon",
                List.of("--faults.top-symbols=-1"), "--faults.top-symbols=-1",
                List.of("--web.max-scrape-timeout=0s"), "--web.max-scrape-timeout",
                List.of("--web.listen-address=nowhere"), "'nowhere'",
                List.of("--collector.top5-info=maybe"), "maybe");
        cases.forEach((args, mention) -> {
            String[] argv = java.util.stream.Stream.concat(java.util.stream.Stream.of("exporter"), args.stream())
                    .toArray(String[]::new);
            Run run = run(argv);
            assertThat(run.exitCode()).as(args.toString()).isEqualTo(Main.EXIT_USAGE);
            assertThat(run.err().lines().findFirst()).as(args.toString())
                    .hasValueSatisfying(line -> assertThat(line).startsWith("error: ").contains(mention));
        });
    }

    @Test
    void aMissingOrBadWebConfigExitsWithTheUsageCodeAndOneLine() throws Exception {
        Path missing = dir.resolve("missing.yml");
        Run run = run("exporter", "--web.listen-address=127.0.0.1:0", "--web.config.file=" + missing);
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err().lines().toList()).singleElement().asString()
                .startsWith("error: web config " + missing).contains("cannot read");

        Path bad = dir.resolve("web.yml");
        Files.writeString(bad, "basic_auth_users:\n  prometheus: hunter2\n");
        run = run("exporter", "--web.listen-address=127.0.0.1:0", "--web.config.file=" + bad);
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err().lines().toList()).singleElement().asString()
                .contains("basic_auth_users.prometheus is not a bcrypt hash").doesNotContain("hunter2");
    }

    @Test
    void theRealProcessTakesLegacyEnvServesDualStackHidesThePasswordAndStopsOnSigterm() throws Exception {
        String password = "pw-" + Long.toHexString(System.nanoTime());
        try (LocalRedis redis = LocalRedis.start()) {
            try (redis.clients.jedis.Jedis admin = redis.connect()) {
                admin.configSet("requirepass", password);
            }
            int port = LocalRedis.freePort();
            Path log = dir.resolve("exporter.log");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "exporter")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(k -> k.startsWith("QUANTUM_SAFETY_") || k.startsWith("REDIS_"));
            env.put("PORT", Integer.toString(port));
            env.put("REDIS_HOST", redis.host());
            env.put("REDIS_PORT", Integer.toString(redis.port()));
            env.put("REDIS_PASSWORD", password);
            env.put("SAMPLE_INTERVAL_SEC", "15");
            env.put("FAULT_LOOKBACK_MAX", "2000");
            env.put("QUANTUM_SAFETY_DEPLOYMENT", "ci-test");
            env.put("QUANTUM_SAFETY_LOG_LEVEL", "info");
            Process process = builder.start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
                String metrics = http.send(HttpRequest.newBuilder(URI.create("http://[::1]:" + port + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(metrics).contains("quantum_safety_redis_up 1.0")
                        .contains("deployment=\"ci-test\"").doesNotContain(password);
                String landing = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(landing).doesNotContain(password);
            } finally {
                process.destroy();
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(output).contains("SAMPLE_INTERVAL_SEC is ignored", "FAULT_LOOKBACK_MAX is ignored",
                    "exporter listening on", "exporter stopped").doesNotContain(password);
        }
    }

    @Test
    void surefireGivesTheSubprocessARealClasspath() {
        assertThat(System.getProperty("java.class.path").split(File.pathSeparator))
                .anySatisfy(entry -> assertThat(entry).contains("picocli"));
    }
}
