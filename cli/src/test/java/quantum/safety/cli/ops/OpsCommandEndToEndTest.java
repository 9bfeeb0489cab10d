package quantum.safety.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import quantum.safety.cli.exporter.InProcessExporter;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.RequiresTools;
import quantum.safety.testkit.TestRedis;
import quantum.safety.testkit.ops.OperatorMachine;

/** The commands as an operator types them, against a real Prometheus and Alertmanager and the real exporter. */
@ExtendWith(RedisExtension.class)
@RequiresTools({"prometheus", "promtool", "prometheus-alertmanager", "amtool"})
class OpsCommandEndToEndTest {

    @AutoClose
    private OperatorMachine env;

    @Test
    void installVerifyDoctorRollbackThroughTheCommandLine(TestRedis redis) throws Exception {
        env = OperatorMachine.start(InProcessExporter::onLoopbackV4);
        Path bundle = env.bundleDir();
        String[] common = {"--prometheus.config=" + env.config(), "--prometheus.url=" + env.prometheus().url(),
                "--exporter.address=" + env.exporter().target(), "--bundle.dir=" + bundle};

        OpsCommandTest.Run install = OpsCommandTest.run(concat(new String[] {"ops", "install",
                "--prometheus.rules-dir=" + env.config().resolveSibling("rules"), "--alertmanager.url=" + env.alertmanager().url(),
                "--grafana.provisioning-dir=" + env.grafanaProvisioning(), "--grafana.dashboards-dir=" + env.grafanaDashboards(),
                "--verify.timeout=30s", "--yes"}, common));
        assertThat(install.code()).as(install.out() + install.err()).isZero();
        assertThat(install.out()).contains("installed install_qs_", "and verified");

        OpsCommandTest.Run verify = OpsCommandTest.run("ops", "verify", "--prometheus.url=" + env.prometheus().url(),
                "--alertmanager.url=" + env.alertmanager().url(), "--exporter.address=" + env.exporter().target(),
                "--bundle.dir=" + bundle);
        assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("PASSED  job quantum_safety_telemetry scraped and up", "0 failed");

        Path report = env.dir().resolve("report.json");
        OpsCommandTest.Run doctor = OpsCommandTest.run(concat(new String[] {"doctor", "--json", "--output=" + report,
                "--redis.addr=" + redis.uri(), "--alertmanager.url=" + env.alertmanager().url(),
                "--grafana.provisioning-dir=" + env.grafanaProvisioning(), "--grafana.dashboards-dir=" + env.grafanaDashboards()},
                common));
        assertThat(doctor.code()).as(doctor.out() + doctor.err() + Files.readString(report)).isZero();
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.path("verdict").asText()).isEqualTo("PASSED");
        assertThat(json.path("failed").asInt()).isZero();

        OpsCommandTest.Run backups = OpsCommandTest.run("ops", "backups", "--prometheus.config=" + env.config());
        assertThat(backups.out()).contains("install_qs_", "ACTIVE");

        OpsCommandTest.Run rollback = OpsCommandTest.run("ops", "rollback", "--yes", "--verify.timeout=30s",
                "--prometheus.config=" + env.config(), "--prometheus.url=" + env.prometheus().url());
        assertThat(rollback.code()).as(rollback.out() + rollback.err()).isZero();
        assertThat(Files.readAllBytes(env.config())).isEqualTo(env.original());
    }

    @Test
    void installVerifyBackupsRollbackAsJsonLines() throws Exception {
        env = OperatorMachine.start(InProcessExporter::onLoopbackV4);
        Path bundle = env.bundleDir();

        OpsCommandTest.Run install = OpsCommandTest.run("ops", "install", "--json", "--yes", "--verify.timeout=30s",
                "--prometheus.config=" + env.config(), "--prometheus.rules-dir=" + env.config().resolveSibling("rules"),
                "--prometheus.url=" + env.prometheus().url(), "--exporter.address=" + env.exporter().target(),
                "--bundle.dir=" + bundle);
        assertThat(install.code()).as(install.out() + install.err()).isZero();
        List<JsonNode> installed = OpsCommandTest.jsonLines(install.out());
        assertThat(OpsCommandTest.eventNames(installed)).startsWith("InstallStarted", "InstallPlanned")
                .containsSubsequence("ValidationStarted", "BackupWritten", "ManifestWritten", "FileWritten",
                        "ReloadRequested", "Reloaded", "VerificationStarted", "CheckPassed", "VerificationFinished")
                .doesNotContain("CheckFailed").endsWith("Finished");
        String id = OpsCommandTest.first(installed, "ManifestWritten").path("installId").asText();
        assertThat(OpsCommandTest.first(installed, "BackupWritten").path("file").asText()).isEqualTo(env.config().toString());
        assertThat(OpsCommandTest.first(installed, "Finished").path("summary").asText()).startsWith("installed " + id);

        OpsCommandTest.Run verify = OpsCommandTest.run("ops", "verify", "--json", "--prometheus.url=" + env.prometheus().url(),
                "--exporter.address=" + env.exporter().target(), "--bundle.dir=" + bundle);
        assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
        List<JsonNode> verified = OpsCommandTest.jsonLines(verify.out());
        assertThat(verified).filteredOn(l -> l.path("event").asText().equals("CheckPassed"))
                .extracting(l -> l.path("name").asText()).contains("job quantum_safety_telemetry scraped and up");
        assertThat(OpsCommandTest.first(verified, "VerificationFinished").path("failed").asInt()).isZero();
        assertThat(OpsCommandTest.first(verified, "VerificationStarted").path("prometheusUrl").asText())
                .isEqualTo(env.prometheus().url());

        OpsCommandTest.Run backups = OpsCommandTest.run("ops", "backups", "--json", "--prometheus.config=" + env.config());
        JsonNode listed = OpsCommandTest.first(OpsCommandTest.jsonLines(backups.out()), "BackupsListed");
        assertThat(listed.path("installs").get(0).path("id").asText()).isEqualTo(id);

        OpsCommandTest.Run rollback = OpsCommandTest.run("ops", "rollback", "--json", "--yes", "--verify.timeout=30s",
                "--prometheus.config=" + env.config(), "--prometheus.url=" + env.prometheus().url());
        assertThat(rollback.code()).as(rollback.out() + rollback.err()).isZero();
        List<JsonNode> rolledBack = OpsCommandTest.jsonLines(rollback.out());
        assertThat(OpsCommandTest.eventNames(rolledBack)).startsWith("SetupRecalled", "RollbackChosen", "RollbackPlanned")
                .contains("FileRestored", "RolledBack", "Reloaded").endsWith("VerificationFinished", "Finished");
        assertThat(OpsCommandTest.first(rolledBack, "RolledBack").path("installIds").get(0).asText()).isEqualTo(id);
        assertThat(OpsCommandTest.first(rolledBack, "Finished").path("exitCode").asInt()).isZero();
        assertThat(Files.readAllBytes(env.config())).isEqualTo(env.original());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
