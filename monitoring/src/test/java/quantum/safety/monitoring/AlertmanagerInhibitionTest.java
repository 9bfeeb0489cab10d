package quantum.safety.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import quantum.safety.process.AlertmanagerProcess;
import quantum.safety.testkit.RequiresTools;

/**
 * amtool cannot test inhibitions, so a real Alertmanager ({@link AlertmanagerProcess}: the distribution's, on a free
 * loopback port, clustering off, temporary storage) loads the bundle's alertmanager.yml, receives alerts through its
 * API and reports which ones it mutes. Notifications go to the configured relay URLs, which nothing serves here: they fail and are retried,
 * which does not affect inhibition.
 */
@RequiresTools({"prometheus-alertmanager"})
class AlertmanagerInhibitionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    private AlertmanagerProcess alertmanager;
    private URI api;

    @BeforeEach
    void startAlertmanager() throws IOException {
        alertmanager = AlertmanagerProcess.start(Bundle.copyTo(dir).resolve("alertmanager/alertmanager.yml"));
        api = URI.create(alertmanager.url());
    }

    @AfterEach
    void stopAlertmanager() {
        if (alertmanager != null) {
            alertmanager.close();
        }
    }

    @Test
    void exporterDownAndRedisLostMuteTheirDependentsOnTheSameInstanceOnly() throws Exception {
        post(List.of(
                InhibitRulesTest.alert("QuantumTelemetryExporterDown", InhibitRulesTest.A),
                InhibitRulesTest.alert("QuantumSafeModeActive", InhibitRulesTest.A),
                InhibitRulesTest.alert("QuantumRedisConnectionLost", InhibitRulesTest.A),
                InhibitRulesTest.alert("QuantumSafeModeActive", InhibitRulesTest.B),
                InhibitRulesTest.alert("QuantumRedisConnectionLost", InhibitRulesTest.B),
                InhibitRulesTest.alert("QuantumSafetyExporterCollectorFailing", InhibitRulesTest.B),
                InhibitRulesTest.alert("Watchdog", null)));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, String> states = states();
            assertThat(states).containsEntry("QuantumTelemetryExporterDown@" + InhibitRulesTest.A, "active")
                    // muted by the exporter being down on A
                    .containsEntry("QuantumSafeModeActive@" + InhibitRulesTest.A, "suppressed")
                    .containsEntry("QuantumRedisConnectionLost@" + InhibitRulesTest.A, "suppressed")
                    // B's exporter is up: its SAFE MODE and Redis pages go out; Redis lost mutes B's collector alert
                    .containsEntry("QuantumSafeModeActive@" + InhibitRulesTest.B, "active")
                    .containsEntry("QuantumRedisConnectionLost@" + InhibitRulesTest.B, "active")
                    .containsEntry("QuantumSafetyExporterCollectorFailing@" + InhibitRulesTest.B, "suppressed")
                    .containsEntry("Watchdog@", "active");
        });
    }

    @Test
    void decisionServiceDownOrNotReadyMuteItsOtherAlertsOnTheSameInstanceOnly() throws Exception {
        String a = InhibitRulesTest.SERVICE_A;
        String b = InhibitRulesTest.SERVICE_B;
        post(List.of(
                InhibitRulesTest.serviceAlert("QuantumSafetyDecisionServiceDown", a),
                InhibitRulesTest.serviceAlert("QuantumSafetyDecisionServiceNotReady", a),
                InhibitRulesTest.serviceAlert("QuantumSafetyDecisionServiceSlow", a),
                InhibitRulesTest.serviceAlert("QuantumSafetyDecisionServiceNotReady", b),
                InhibitRulesTest.serviceAlert("QuantumSafetyDecisionServiceSlow", b),
                InhibitRulesTest.serviceAlert("QuantumSafetyDecisionServiceOverloaded", b)));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(states()).containsEntry("QuantumSafetyDecisionServiceDown@" + a, "active")
                        // muted by the service being down on A
                        .containsEntry("QuantumSafetyDecisionServiceNotReady@" + a, "suppressed")
                        .containsEntry("QuantumSafetyDecisionServiceSlow@" + a, "suppressed")
                        // B is up but not ready: that page goes out and explains B's slow decisions and rejections
                        .containsEntry("QuantumSafetyDecisionServiceNotReady@" + b, "active")
                        .containsEntry("QuantumSafetyDecisionServiceSlow@" + b, "suppressed")
                        .containsEntry("QuantumSafetyDecisionServiceOverloaded@" + b, "suppressed"));
    }

    @Test
    void archiveDownAndPostgresDownMuteWhatFollowsFromThemButNeverAGap() throws Exception {
        String a = InhibitRulesTest.ARCHIVE_A;
        String b = InhibitRulesTest.ARCHIVE_B;
        post(List.of(
                InhibitRulesTest.archiveAlert("QuantumSafetyArchiveDown", a),
                InhibitRulesTest.archiveAlert("QuantumSafetyArchiveLagging", a, "stream", "audit"),
                InhibitRulesTest.archiveAlert("QuantumSafetyArchiveGap", a, "stream", "audit"),
                InhibitRulesTest.archiveAlert("QuantumSafetyArchivePostgresDown", b),
                InhibitRulesTest.archiveAlert("QuantumSafetyArchiveLagging", b, "stream", "fault"),
                InhibitRulesTest.archiveAlert("QuantumSafetyArchiveErrors", b, "stage", "redis")));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(states()).containsEntry("QuantumSafetyArchiveDown@" + a, "active")
                        .containsEntry("QuantumSafetyArchiveLagging@" + a, "suppressed")
                        .containsEntry("QuantumSafetyArchiveGap@" + a, "active")
                        // B runs but cannot reach PostgreSQL: that explains its lag, not its Redis errors
                        .containsEntry("QuantumSafetyArchivePostgresDown@" + b, "active")
                        .containsEntry("QuantumSafetyArchiveLagging@" + b, "suppressed")
                        .containsEntry("QuantumSafetyArchiveErrors@" + b, "active"));
    }

    /** alertname@instance → Alertmanager's state (active, suppressed). */
    private Map<String, String> states() throws Exception {
        HttpResponse<String> response = get("/api/v2/alerts");
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, String> states = new HashMap<>();
        for (JsonNode alert : JSON.readTree(response.body())) {
            JsonNode labels = alert.path("labels");
            states.put(labels.path("alertname").asText() + "@" + labels.path("instance").asText(),
                    alert.path("status").path("state").asText());
        }
        return states;
    }

    private void post(List<Map<String, String>> alerts) throws Exception {
        Instant now = Instant.now();
        List<Map<String, Object>> body = alerts.stream().map(labels -> Map.<String, Object>of(
                "labels", labels,
                "annotations", Map.of("summary", "test"),
                "startsAt", now.toString(),
                "endsAt", now.plus(Duration.ofHours(1)).toString())).toList();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(api.resolve("/api/v2/alerts"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
