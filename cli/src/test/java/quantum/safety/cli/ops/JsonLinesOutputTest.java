package quantum.safety.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import quantum.safety.cli.UsageException;
import quantum.safety.ops.OpsResult;

class JsonLinesOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringWriter text = new StringWriter();
    private final JsonLinesOutput output = new JsonLinesOutput(new PrintWriter(text));

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.toString().lines().toList()) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Test
    void eachEventIsOneObjectOnOneLineNamedAfterTheEventAndTheLastOneIsTheOutcome() throws Exception {
        SampleEvents.install().forEach(output::on);
        output.finished(OpsResult.ok("installed " + SampleEvents.ID + " and verified"));

        List<JsonNode> lines = lines();
        assertThat(lines).extracting(l -> l.path("event").asText()).containsExactly("InstallStarted", "InstallPlanned",
                "ValidationStarted", "FileValidated", "FileValidated", "BackupWritten", "ManifestWritten", "FileWritten",
                "FileWritten", "ReloadRequested", "Reloaded", "VerificationStarted", "CheckPassed", "VerificationFinished",
                "Finished");
        JsonNode backup = lines.get(5);
        assertThat(backup.path("file").asText()).isEqualTo("/etc/prometheus/prometheus.yml");
        assertThat(backup.path("backup").asText()).isEqualTo("/etc/prometheus/prometheus.yml.backup_qs_20260119_034418");
        assertThat(backup.path("reason").asText()).isEqualTo("BEFORE_INSTALL");
        assertThat(lines.get(6).path("installId").asText()).isEqualTo(SampleEvents.ID);
        assertThat(lines.get(7).path("bytes").asInt()).isEqualTo(2048);
        assertThat(lines.get(11).has("alertmanager")).as("absent values are left out").isFalse();
        assertThat(lines.get(11).path("waitSeconds").asLong()).isEqualTo(60);
        JsonNode check = lines.get(12);
        assertThat(check.path("section").asText()).isEqualTo("PROMETHEUS_SCRAPING");
        assertThat(check.path("name").asText()).isEqualTo("job quantum_safety_telemetry scraped and up");
        assertThat(check.path("evidence").asText()).isEqualTo("http://127.0.0.1:9105/metrics health=up");
        JsonNode finished = lines.get(14);
        assertThat(finished.path("exitCode").asInt()).isZero();
        assertThat(finished.path("summary").asText()).isEqualTo("installed install_qs_20260119_034418 and verified");
    }

    @Test
    void thePlanCarriesEveryFileWithItsActionAndDiffTheBackupsTheReloadsAndTheChecks() throws Exception {
        output.on(SampleEvents.install().get(1));

        JsonNode plan = lines().get(0).path("plan");
        List<String> fields = new ArrayList<>();
        plan.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("prometheusConfig", "files", "createDirectories", "backUp", "manifestDir",
                "reloads", "verification");
        JsonNode config = plan.path("files").get(1);
        assertThat(config.path("kind").asText()).isEqualTo("PROMETHEUS_CONFIG");
        assertThat(config.path("path").asText()).isEqualTo("/etc/prometheus/prometheus.yml");
        assertThat(config.path("action").asText()).isEqualTo("MODIFY");
        assertThat(config.has("from")).isFalse();
        assertThat(config.path("changes").get(0).asText()).startsWith("add job quantum_safety_telemetry");
        assertThat(config.path("diff").asText()).isEqualTo(SampleEvents.CONFIG_DIFF);
        assertThat(plan.path("backUp").get(0).asText()).isEqualTo("/etc/prometheus/prometheus.yml");
        assertThat(plan.path("reloads").get(0).path("service").asText()).isEqualTo("PROMETHEUS");
        assertThat(plan.path("reloads").get(0).path("how").asText()).isEqualTo("POST http://127.0.0.1:9091/-/reload");
        assertThat(plan.path("verification").path("timeoutSeconds").asLong()).isEqualTo(60);
        assertThat(plan.path("verification").path("rollBackOnFailure").asBoolean()).isTrue();
        assertThat(plan.path("verification").path("checks").get(0).asText()).isEqualTo("job scraped and up");
    }

    @Test
    void everyEventThereIsBecomesOneParsableLineWithItsName() throws Exception {
        SampleEvents.everyKind().forEach(output::on);

        List<JsonNode> lines = lines();
        assertThat(lines).hasSameSizeAs(SampleEvents.everyKind());
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i).path("event").asText()).isEqualTo(SampleEvents.everyKind().get(i).getClass().getSimpleName());
        }
        JsonNode listed = lines.stream().filter(l -> l.path("event").asText().equals("BackupsListed")).findFirst().orElseThrow();
        assertThat(listed.path("installs").get(0).path("id").asText()).isEqualTo(SampleEvents.ID);
        assertThat(listed.path("installs").get(0).has("rolledBackAt")).isFalse();
        assertThat(listed.path("installs").get(0).path("files").get(1).path("backup").asText())
                .isEqualTo(SampleEvents.BACKUP.toString());
        assertThat(listed.path("backupFiles").get(0).path("bytes").asLong()).isEqualTo(400);
        assertThat(listed.path("installs").get(0).path("setup").path("prometheusUrl").asText()).isEqualTo("http://127.0.0.1:9091");
        JsonNode warned = lines.stream().filter(l -> l.path("event").asText().equals("CheckWarned")).findFirst().orElseThrow();
        assertThat(warned.path("name").asText()).isEqualTo("exporter build info");
        assertThat(warned.path("fix").asText()).startsWith("start the exporter with --deployment=NAME");
        assertThat(lines).filteredOn(l -> l.path("event").asText().equals("VerificationFinished"))
                .allSatisfy(l -> assertThat(l.has("warnings")).isTrue());
    }

    @Test
    void aCommandStoppedByAnErrorEndsWithAStoppedLineNamingIt() throws Exception {
        output.stopped(new UsageException("--prometheus.config /nope.yml: no such file; point it at the prometheus.yml"));

        assertThat(lines()).singleElement().satisfies(l -> {
            assertThat(l.path("event").asText()).isEqualTo("Stopped");
            assertThat(l.path("error").asText()).startsWith("--prometheus.config /nope.yml: no such file");
        });
    }
}
