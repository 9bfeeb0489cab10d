package quantum.safety.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import quantum.safety.exporter.ExporterServer;
import quantum.safety.exporter.TestExporters;
import quantum.safety.kernel.Decision;
import quantum.safety.kernel.Intent;
import quantum.safety.kernel.KernelConfig;
import quantum.safety.kernel.Reason;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.SafetyKernel;
import quantum.safety.kernel.SafetyOperations;
import quantum.safety.process.ChildProcess;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.RequiresTools;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.UnifiedJedis;

/**
 * The status page in a real headless Chromium: it renders, shows SAFE MODE ON after a real trip and OFF after an
 * audited clear; phone-sized screenshots are kept in {@code target/status-page/} for people to look at.
 */
@ExtendWith(RedisExtension.class)
@RequiresTools("chromium")
class StatusPageBrowserTest {

    private static final Path ARTIFACTS = Path.of("target", "status-page");

    @TempDir
    Path profile;

    @Test
    void theStatusPageShowsATripAndItsClearInARealBrowser(TestRedis redis) throws Exception {
        Files.createDirectories(ARTIFACTS);
        RedisSchema schema = RedisSchema.legacy();
        try (ExporterServer server = TestExporters.start(redis.host(), redis.port(), b -> b.windowSeconds(3600).kernelLimits(3, 2));
             UnifiedJedis client = TestExporters.connector(redis.host(), redis.port())
                     .forDecisions(KernelConfig.DEFAULT_DECISION_TIMEOUT).open()) {
            String url = "http://127.0.0.1:" + server.port() + "/";
            SafetyKernel kernel = SafetyKernel.create(KernelConfig.builder().windowSeconds(3600).globalMax(3)
                    .symbolMax(2).kernelId("browser-test").build(), client, schema);
            kernel.decide(new Intent("BTCUSDT", "BUY", false, "c1", ""));
            kernel.decide(new Intent("ETHUSDT", "SELL", false, "c2", ""));
            kernel.decide(new Intent("BTCUSDT", "BUY", false, "c3", ""));
            Decision trip = kernel.decide(new Intent("BTCUSDT", "BUY", false, "c4", ""));
            assertThat(trip.reason()).isEqualTo(Reason.GLOBAL_RATE_EXCEEDED);

            String on = chromium("--dump-dom", url);
            screenshot(url, ARTIFACTS.resolve("status-safe-mode-on.png"));
            assertThat(on).contains("SAFE MODE ON").contains("cooldown left").contains("BTCUSDT")
                    .contains("GLOBAL_RATE_EXCEEDED").contains("browser-test");

            new SafetyOperations(client, schema).clearSafeMode("alice", "browser test clear");
            String off = chromium("--dump-dom", url);
            screenshot(url, ARTIFACTS.resolve("status-safe-mode-off.png"));
            assertThat(off).contains("SAFE MODE OFF").doesNotContain("SAFE MODE ON");
        }
        assertThat(ARTIFACTS.resolve("status-safe-mode-on.png")).isNotEmptyFile();
        assertThat(ARTIFACTS.resolve("status-safe-mode-off.png")).isNotEmptyFile();
    }

    private void screenshot(String url, Path file) throws IOException, InterruptedException {
        Files.deleteIfExists(file);
        chromium("--screenshot=" + file.toAbsolutePath(), "--window-size=412,915", "--hide-scrollbars", url);
        assertThat(file).isNotEmptyFile();
    }

    private String chromium(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath()));
        command.addAll(List.of(args));
        ChildProcess.Completed run = ChildProcess.run(new ProcessBuilder(command), "", Duration.ofSeconds(60));
        assertThat(run.timedOut()).as("chromium did not finish within 60 s: " + command).isFalse();
        assertThat(run.exitCode()).as("chromium exit; stderr:\n" + run.errors()).isZero();
        return run.output();
    }
}
