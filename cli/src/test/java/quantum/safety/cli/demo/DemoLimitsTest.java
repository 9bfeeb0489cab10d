package quantum.safety.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;
import quantum.safety.cli.Main;
import quantum.safety.process.LocalRedis;
import redis.clients.jedis.Jedis;

/**
 * The demo's kernel runs a 5 s window with 30/10; its status page and {@code ctl status} against its Redis (with
 * ctl's defaults of 10 s and 20/5) both show those, and the kernel's settings leave Redis with the demo.
 */
class DemoLimitsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static int run(StringWriter out, String... args) {
        CommandLine cli = Main.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    @Test
    void theStatusPageAndCtlStatusShowTheDemoKernelsFiveSecondWindowAndThirtyTen() throws Exception {
        int port = LocalRedis.freePort();
        try (LocalRedis redis = LocalRedis.start(); Jedis jedis = redis.connect()) {
            StringWriter demoOut = new StringWriter();
            CompletableFuture<Integer> demo = CompletableFuture.supplyAsync(() -> run(demoOut, "demo",
                    "--web.listen-address=127.0.0.1:" + port, "--redis.addr=" + redis.uri(), "--duration=6s",
                    "--rate=2", "--status-interval=500ms"));

            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> page(port).contains("limits of kernel demo"));
            String page = page(port);
            StringWriter ctl = new StringWriter();
            int ctlExit = run(ctl, "ctl", "status", "--json", "--redis.addr=" + redis.uri());

            assertThat(page).contains("Current window (5 s, bucket ").contains(" / 30").contains("<td>demo</td>");
            assertThat(ctlExit).isEqualTo(Main.EXIT_OK);
            JsonNode status = JSON.readTree(ctl.toString());
            assertThat(status.at("/current_window/window_seconds").asInt()).isEqualTo(5);
            assertThat(status.at("/limits/global_max").asInt()).isEqualTo(30);
            assertThat(status.at("/limits/symbol_max").asInt()).isEqualTo(10);
            assertThat(status.at("/limits/source").asText()).isEqualTo("kernels");

            assertThat(demo.get(30, TimeUnit.SECONDS)).isZero();
            assertThat(demoOut.toString()).contains("limits 5s 30/10 (kernel demo)");
            assertThat(jedis.exists("quantum:safety:kernels")).as("the demo's kernel left with it").isFalse();
        }
    }

    private static String page(int port) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
