package quantum.safety.ops.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import quantum.safety.ops.prometheus.ExpectedRules;
import quantum.safety.ops.prometheus.PrometheusApi.Target;

/**
 * The verdicts of the remote-write check on each state of Prometheus' queue, from a stand-in for Prometheus' HTTP API
 * that serves its running config, its own /metrics and an empty query answer: what the end-to-end test cannot
 * provoke on demand (a queue retrying, one falling behind, one that has sent nothing yet).
 */
class RemoteWriteCheckTest {

    private static final String URL = "https://store.example.com/api/v1/push";
    private static final String OURS = "{remote_name=\"quantum_safety\",url=\"" + URL + "\"}";

    private HttpServer prometheus;
    private volatile String config = "remote_write:\n- name: quantum_safety\n  url: " + URL + "\n";
    private volatile String metrics = "";

    @BeforeEach
    void start() throws IOException {
        prometheus = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        prometheus.createContext("/api/v1/status/config", x -> answer(x, "{\"status\":\"success\",\"data\":{\"yaml\":"
                + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(config) + "}}"));
        prometheus.createContext("/api/v1/query", x -> answer(x,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));
        prometheus.createContext("/metrics", x -> answer(x, metrics));
        prometheus.start();
    }

    @AfterEach
    void stop() {
        prometheus.stop(0);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String base() {
        return "http://127.0.0.1:" + prometheus.getAddress().getPort();
    }

    private List<CheckResult> run(List<Target> targets) {
        VerifySettings settings = VerifySettings.builder().prometheusUrl(base()).exporter(new HostPort("127.0.0.1", 9105))
                .expectedRules(new ExpectedRules(List.of())).build();
        Observations observations = new Observations(new Observations.Attempt<>(targets, null),
                new Observations.Attempt<>(List.of(), null), new Observations.Attempt<>(List.of(), null), null);
        return new RemoteWriteCheck().run(observations, settings);
    }

    private List<CheckResult> run() {
        return run(List.of(new Target("prometheus", base() + "/metrics", "up", "", "", 0, "15s")));
    }

    private static String queue(double failed, double retried, double pending, Double sent, double newest) {
        return "prometheus_remote_storage_samples_failed_total" + OURS + " " + failed + "\n"
                + "prometheus_remote_storage_samples_retried_total" + OURS + " " + retried + "\n"
                + "prometheus_remote_storage_samples_pending" + OURS + " " + pending + "\n"
                + (sent == null ? "" : "prometheus_remote_storage_queue_highest_sent_timestamp_seconds" + OURS + " " + sent + "\n")
                + "prometheus_remote_storage_highest_timestamp_in_seconds " + newest + "\n";
    }

    @Test
    void withoutOurEntryInTheRunningConfigThereIsNothingToSay() {
        config = "remote_write:\n- name: operators\n  url: https://other.example.com/write\n";

        assertThat(run()).isEmpty();
    }

    @Test
    void aQueueThatKeepsUpPassesAndPrometheusScrapingItselfIsSeenByItsTarget() {
        metrics = queue(0, 0, 12, 1000.0, 1010.0);

        List<CheckResult> results = run();

        assertThat(results).extracting(CheckResult::status).containsExactly(Status.PASSED, Status.PASSED);
        assertThat(results.get(0).evidence()).isEqualTo(URL + ": failed 0, retried 0, pending 12; newest sample sent "
                + "10 s behind the newest held");
        assertThat(results.get(1).evidence()).isEqualTo("job prometheus scrapes " + base() + "/metrics");
        assertThat(new RemoteWriteCheck().settling(results)).isFalse();
    }

    @Test
    void aQueueThatHasSentNothingYetIsWaitedForAndOneThatRetriesIsAWarningAtOnce() {
        metrics = queue(0, 0, 300, null, 1010.0);
        List<CheckResult> nothingYet = run();
        assertThat(nothingYet.get(0).status()).isEqualTo(Status.WARNING);
        assertThat(nothingYet.get(0).evidence()).contains("nothing sent yet");
        assertThat(new RemoteWriteCheck().settling(nothingYet)).isTrue();

        metrics = queue(0, 2500, 1139, null, 1010.0);
        List<CheckResult> retrying = run();
        assertThat(retrying.get(0).status()).isEqualTo(Status.WARNING);
        assertThat(retrying.get(0).evidence()).contains("nothing delivered: the receiver does not accept");
        assertThat(new RemoteWriteCheck().settling(retrying)).isFalse();
    }

    @Test
    void refusedSamplesAndALagOverTwoMinutesAreWarningsNeverFailures() {
        metrics = queue(500, 0, 0, 1000.0, 1001.0);
        assertThat(run().get(0)).satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.WARNING);
            assertThat(r.evidence()).contains("failed 500", "refused samples for good");
        });

        metrics = queue(0, 40, 900, 1000.0, 1121.0);
        assertThat(run().get(0)).satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.WARNING);
            assertThat(r.evidence()).contains("121 s behind");
        });
        metrics = queue(0, 40, 900, 1000.0, 1120.0);
        assertThat(run().get(0).status()).as("2 minutes exactly: not behind yet").isEqualTo(Status.PASSED);
    }

    @Test
    void aPrometheusThatScrapesNoTargetOfItselfAndHoldsNoneOfItsSeriesIsWarnedWithTheJobToAdd() {
        metrics = queue(0, 0, 0, 1000.0, 1000.0);

        CheckResult self = run(List.of(new Target("node", "http://127.0.0.1:9100/metrics", "up", "", "", 0, "15s")))
                .get(1);

        assertThat(self.status()).isEqualTo(Status.WARNING);
        assertThat(self.fix()).contains("- job_name: prometheus", "127.0.0.1:" + prometheus.getAddress().getPort());
    }
}
