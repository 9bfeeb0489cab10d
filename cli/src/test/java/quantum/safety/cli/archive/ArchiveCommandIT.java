package quantum.safety.cli.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import quantum.safety.cli.Launcher;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.process.LocalRedis;
import quantum.safety.testkit.PostgresExtension;
import quantum.safety.testkit.TestPostgres;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.XAddParams;

/**
 * The archive as a user runs it: {@code quantum-safety archive} from the runnable jar, the URL from the environment,
 * the password from a file, stopped with SIGTERM after the batch in hand, exit code 0.
 */
@ExtendWith(PostgresExtension.class)
class ArchiveCommandIT {

    @TempDir
    Path dir;

    @Test
    void theJarArchivesServesItsMetricsAndExitsZeroOnSigterm(TestPostgres postgres) throws Exception {
        Launcher launcher = Launcher.ofThisBuild();
        Path passwordFile = Files.writeString(dir.resolve("pw"), postgres.password() + "\n");
        try (LocalRedis redis = LocalRedis.start(); Jedis jedis = redis.connect()) {
            for (int i = 0; i < 3; i++) {
                jedis.xadd(RedisSchema.legacy().auditStream(), XAddParams.xAddParams(),
                        Map.of("event", "KILL_ON", "actor", "ops:alice", "reason", "drill " + i));
            }
            int port = LocalRedis.freePort();
            Path log = dir.resolve("archive.log");
            ProcessBuilder builder = launcher.command("archive", "--web.listen-address=127.0.0.1:" + port,
                    "--redis.addr=" + redis.uri(), "--archive.password-file=" + passwordFile)
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("QUANTUM_SAFETY_ARCHIVE_URL", postgres.uri() + "?sslmode=disable");
            builder.environment().put("QUANTUM_SAFETY_LOG_LEVEL", "info");
            Process process = builder.start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + port;
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> http.send(HttpRequest
                        .newBuilder(URI.create(base + "/-/ready")).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200);
                await().atMost(Duration.ofSeconds(30)).until(() -> http.send(HttpRequest.newBuilder(
                        URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body()
                        .contains("quantum_safety_archive_events_total{stream=\"audit\"} 3.0"));
                String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(metrics).contains("quantum_safety_archive_redis_up 1.0",
                        "quantum_safety_archive_postgres_up 1.0", "quantum_safety_archive_lag_events{stream=\"fault\"}",
                        "quantum_safety_archive_build_info{version=\"0.1.0-SNAPSHOT\"} 1.0",
                        "process_resident_memory_bytes").doesNotContain(postgres.password());
            } finally {
                process.destroy();
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains("archiver stopped").doesNotContain(postgres.password());
        }
    }
}
