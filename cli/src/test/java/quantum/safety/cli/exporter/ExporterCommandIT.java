package quantum.safety.cli.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quantum.safety.cli.Launcher;
import quantum.safety.cli.Main;
import quantum.safety.process.ChildProcess;
import quantum.safety.process.LocalRedis;

/**
 * The exporter as a user runs it: {@code quantum-safety exporter} through the launcher and the runnable jar of this
 * build, configured the legacy way (env only), in its own process. What the shaded jar leaves out or gets wrong
 * (logging configuration, service files, a class the filter dropped) fails here and not in the in-process
 * {@link ExporterCommandTest}.
 */
class ExporterCommandIT {

    @TempDir
    Path dir;

    private final Launcher launcher = Launcher.ofThisBuild();

    @Test
    void theJarTakesLegacyEnvServesDualStackHidesThePasswordAndStopsOnSigterm() throws Exception {
        String password = "pw-" + Long.toHexString(System.nanoTime());
        try (LocalRedis redis = LocalRedis.start()) {
            try (redis.clients.jedis.Jedis admin = redis.connect()) {
                admin.configSet("requirepass", password);
            }
            int port = LocalRedis.freePort();
            Path log = dir.resolve("exporter.log");
            ProcessBuilder builder = launcher.command("exporter").redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("PORT", Integer.toString(port));
            env.put("REDIS_HOST", redis.host());
            env.put("REDIS_PORT", Integer.toString(redis.port()));
            env.put("REDIS_PASSWORD", password);
            env.put("SAMPLE_INTERVAL_SEC", "15");
            env.put("FAULT_LOOKBACK_MAX", "2000");
            env.put("QUANTUM_SAFETY_DEPLOYMENT", "ci-test");
            env.put("QUANTUM_SAFETY_LOG_LEVEL", "info");
            ChildProcess process = ChildProcess.start("quantum-safety exporter", builder, ChildProcess.Output.of(log, 20));
            try {
                HttpClient http = HttpClient.newHttpClient();
                URI ready = URI.create("http://127.0.0.1:" + port + "/-/ready");
                process.awaitReady("answer 200 on /-/ready", Duration.ofSeconds(60), Duration.ofMillis(100),
                        () -> http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString())
                                .statusCode() == 200);
                String metrics = http.send(HttpRequest.newBuilder(URI.create("http://[::1]:" + port + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(metrics).contains("quantum_safety_redis_up 1.0")
                        .contains("deployment=\"ci-test\"").contains("version=\"0.1.0-SNAPSHOT\"")
                        .doesNotContain(password);
                String landing = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(landing).contains("Quantum Safety").doesNotContain(password);
            } finally {
                assertThat(process.stop(Duration.ofSeconds(30))).as("stopped on SIGTERM").isTrue();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            // logfmt from the jar's own logging setup, at the level the env asked for.
            assertThat(output).contains("level=info", "SAMPLE_INTERVAL_SEC is ignored", "FAULT_LOOKBACK_MAX is ignored",
                    "exporter listening on", "exporter stopped").doesNotContain(password);
        }
    }

    @Test
    void aPortInUseOrAMissingWebConfigExitsTwoWithOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + taken.getLocalPort();
            Launcher.Run run = launcher.run(Map.of(), "exporter", "--web.listen-address=" + address);

            assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.EXIT_USAGE);
            assertThat(run.errLines()).singleElement().asString()
                    .startsWith("error: cannot listen on " + address).doesNotContain("Exception");
        }
        Path missing = dir.resolve("web.yml");
        Launcher.Run run = launcher.run(Map.of(), "exporter", "--web.listen-address=127.0.0.1:0",
                "--web.config.file=" + missing);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.errLines()).singleElement().asString().startsWith("error: web config " + missing);
    }
}
