package quantum.safety.cli.kernel;

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
 * The decision service as a user runs it: {@code quantum-safety kernel serve} from the runnable jar of this build,
 * configured with the legacy kernel variables, in its own process, stopped with SIGTERM.
 */
class ServeCommandIT {

    @TempDir
    Path dir;

    private final Launcher launcher = Launcher.ofThisBuild();

    @Test
    void theJarServesDecisionsWithTheLegacyLimitsAndStopsGracefullyOnSigterm() throws Exception {
        String password = "pw-" + Long.toHexString(System.nanoTime());
        try (LocalRedis redis = LocalRedis.start()) {
            try (redis.clients.jedis.Jedis admin = redis.connect()) {
                admin.configSet("requirepass", password);
            }
            int port = LocalRedis.freePort();
            Path log = dir.resolve("serve.log");
            ProcessBuilder builder = launcher.command("kernel", "serve", "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("REDIS_HOST", redis.host());
            env.put("REDIS_PORT", Integer.toString(redis.port()));
            env.put("REDIS_PASSWORD", password);
            env.put("SAFETY_SYMBOL_MAX_INTENTS_PER_WINDOW", "1");
            env.put("QUANTUM_SAFETY_LOG_LEVEL", "info");
            ChildProcess process = ChildProcess.start("quantum-safety kernel serve", builder,
                    ChildProcess.Output.of(log, 20));
            try {
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + port;
                process.awaitReady("answer 200 on /-/ready", Duration.ofSeconds(60), Duration.ofMillis(100),
                        () -> http.send(HttpRequest.newBuilder(URI.create(base + "/-/ready")).build(),
                                HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
                HttpRequest decide = HttpRequest.newBuilder(URI.create(base + "/v1/decide"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\"}")).build();
                assertThat(http.send(decide, HttpResponse.BodyHandlers.ofString()).body())
                        .contains("\"reason\":\"OK\"", "\"symbol_max\":1");
                assertThat(http.send(decide, HttpResponse.BodyHandlers.ofString()).body())
                        .contains("\"reason\":\"SYMBOL_RATE_EXCEEDED\"");
                String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(metrics).contains("quantum_safety_service_ready 1.0", "version=\"0.1.0-SNAPSHOT\"",
                        "process_resident_memory_bytes").doesNotContain(password);
            } finally {
                assertThat(process.stop(Duration.ofSeconds(30))).as("stopped on SIGTERM").isTrue();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(output).contains("decision service listening on", "every request taken was answered")
                    .doesNotContain(password);
        }
    }

    @Test
    void aPortInUseOrABadSettingExitsTwoWithOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + taken.getLocalPort();
            Launcher.Run run = launcher.run(Map.of(), "kernel", "serve", "--web.listen-address=" + address);
            assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.EXIT_USAGE);
            assertThat(run.errLines()).singleElement().asString()
                    .startsWith("error: cannot listen on " + address).doesNotContain("Exception");
        }
        Launcher.Run run = launcher.run(Map.of(), "kernel", "serve", "--service.threads=0");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.errLines()).singleElement().asString().startsWith("error: threads 0 is out of range");
    }
}
