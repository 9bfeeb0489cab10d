package quantum.safety.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import quantum.safety.cli.exporter.InProcessExporter;
import quantum.safety.process.LocalRedis;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.RequiresTools;
import quantum.safety.testkit.TestRedis;
import quantum.safety.testkit.ops.OperatorMachine;

/**
 * The manifest is the memory of an install: after one install with every address and file given, verify, doctor,
 * backups and rollback are told only where the manifests are, and reach the same Prometheus (not on 9090), exporter
 * (not on 9105), Alertmanager and Grafana folders; a flag still wins over what the manifest says.
 */
@ExtendWith(RedisExtension.class)
@RequiresTools({"prometheus", "promtool", "prometheus-alertmanager", "amtool"})
class ManifestMemoryEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @AutoClose
    private OperatorMachine env;

    @Test
    void afterAnInstallTheOtherCommandsNeedOnlyTheManifestFolder(TestRedis redis) throws Exception {
        env = OperatorMachine.start(InProcessExporter::onLoopbackV4);
        Path backups = env.dir().resolve("kept elsewhere/backups");
        String folder = "--backup.dir=" + backups;

        String[] install = {"ops", "install", "--yes", "--verify.timeout=30s",
                "--prometheus.config=" + env.config(), "--prometheus.rules-dir=" + env.rulesDir(),
                "--prometheus.url=" + env.prometheus().url(), "--exporter.address=" + env.exporter().target(),
                "--alertmanager.url=" + env.alertmanager().url(), "--grafana.provisioning-dir=" + env.grafanaProvisioning(),
                "--grafana.dashboards-dir=" + env.grafanaDashboards(), "--bundle.dir=" + env.bundleDir(), folder};
        OpsCommandTest.Run installed = OpsCommandTest.run(install);
        assertThat(installed.code()).as(installed.out() + installed.err()).isZero();

        JsonNode setup = manifest(backups).path("setup");
        assertThat(setup.path("prometheusUrl").asText()).isEqualTo(env.prometheus().url());
        assertThat(setup.path("prometheusConfig").asText()).isEqualTo(env.config().toString());
        assertThat(setup.path("rulesDir").asText()).isEqualTo(env.rulesDir().toString());
        assertThat(setup.path("exporterAddress").asText()).isEqualTo(env.exporter().target());
        assertThat(setup.path("alertmanagerUrl").asText()).isEqualTo(env.alertmanager().url());
        assertThat(setup.path("grafanaProvisioningDir").asText()).isEqualTo(env.grafanaProvisioning().toString());
        assertThat(setup.path("grafanaDashboardsDir").asText()).isEqualTo(env.grafanaDashboards().toString());
        assertThat(setup.path("bundleDir").asText()).isEqualTo(env.bundleDir().toString());
        assertThat(setup.path("backupDir").asText()).isEqualTo(backups.toString());

        OpsCommandTest.Run verify = OpsCommandTest.run("ops", "verify", folder);
        assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("setup:   addresses and files of install_qs_",
                "verify:  Prometheus " + env.prometheus().url() + ", exporter " + env.exporter().target()
                        + ", Alertmanager " + env.alertmanager().url(), "0 failed");

        String elsewhere = "127.0.0.1:" + LocalRedis.freePort();
        OpsCommandTest.Run overridden = OpsCommandTest.run("ops", "verify", folder, "--exporter.address=" + elsewhere);
        assertThat(overridden.code()).as("the flag wins over the manifest").isEqualTo(1);
        assertThat(overridden.out()).contains("exporter " + elsewhere);

        Path report = env.dir().resolve("report.json");
        OpsCommandTest.Run doctor = OpsCommandTest.run("doctor", folder, "--json", "--output=" + report,
                "--redis.addr=" + redis.uri());
        JsonNode json = JSON.readTree(report.toFile());
        assertThat(doctor.code()).as(doctor.out() + doctor.err() + json.toPrettyString()).isZero();
        assertThat(json.path("prometheusUrl").asText()).isEqualTo(env.prometheus().url());
        assertThat(json.path("sections")).allSatisfy(s -> assertThat(s.path("status").asText()).as(s.toString())
                .isEqualTo("PASSED"));

        OpsCommandTest.Run listed = OpsCommandTest.run("ops", "backups", folder);
        assertThat(listed.code()).as(listed.out() + listed.err()).isZero();
        assertThat(listed.out()).contains("quantum-safety ops rollback --prometheus.config=" + env.config()
                + " --prometheus.url=" + env.prometheus().url() + " --alertmanager.url=" + env.alertmanager().url()
                + " --backup.dir='" + backups + "' --yes");

        OpsCommandTest.Run rollback = OpsCommandTest.run("ops", "rollback", folder, "--yes", "--verify.timeout=30s");
        assertThat(rollback.code()).as(rollback.out() + rollback.err()).isZero();
        assertThat(rollback.out()).contains("reload:  POST " + env.prometheus().url() + "/-/reload -> 200");
        assertThat(Files.readAllBytes(env.config())).isEqualTo(env.original());
        assertThat(activeJobs()).as("the Prometheus the install used runs the restored file")
                .contains("prometheus").doesNotContain("quantum_safety_telemetry");
    }

    /** Pruning keeps what the newest install needs: its manifest, its backups, and so its rollback. */
    @Test
    void pruningTheOlderInstallsLeavesTheNewestOneToRollBack() throws Exception {
        env = OperatorMachine.start(InProcessExporter::onLoopbackV4);
        String[] install = {"ops", "install", "--yes", "--verify.timeout=30s", "--prometheus.config=" + env.config(),
                "--prometheus.rules-dir=" + env.rulesDir(), "--prometheus.url=" + env.prometheus().url(),
                "--exporter.address=" + env.exporter().target(), "--bundle.dir=" + env.bundleDir()};
        String config = "--prometheus.config=" + env.config();
        assertThat(OpsCommandTest.run(install).code()).isZero();
        assertThat(OpsCommandTest.run("ops", "rollback", config, "--yes", "--verify.timeout=30s").code()).isZero();
        OpsCommandTest.Run again = OpsCommandTest.run(install);
        assertThat(again.code()).as(again.out() + again.err()).isZero();

        OpsCommandTest.Run pruned = OpsCommandTest.run("ops", "backups", config, "--prune=1");

        assertThat(pruned.code()).as(pruned.out() + pruned.err()).isZero();
        assertThat(pruned.out()).contains("prune:   keep the newest 1 install(s); removed 1", "(rolled back)",
                "1 install(s) pruned; 2 install(s) and backup file(s) to roll back to");
        OpsCommandTest.Run rollback = OpsCommandTest.run("ops", "rollback", config, "--yes", "--verify.timeout=30s");
        assertThat(rollback.code()).as(rollback.out() + rollback.err()).isZero();
        assertThat(Files.readAllBytes(env.config())).isEqualTo(env.original());
        assertThat(activeJobs()).doesNotContain("quantum_safety_telemetry");
    }

    private static JsonNode manifest(Path backups) throws Exception {
        try (var files = Files.list(backups)) {
            List<Path> manifests = files.filter(p -> p.toString().endsWith(".json")).toList();
            assertThat(manifests).hasSize(1);
            return JSON.readTree(manifests.get(0).toFile());
        }
    }

    private List<String> activeJobs() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(env.prometheus().url() + "/api/v1/targets?state=active")).build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> jobs = new java.util.ArrayList<>();
        JSON.readTree(response.body()).path("data").path("activeTargets")
                .forEach(t -> jobs.add(t.path("labels").path("job").asText()));
        return jobs;
    }
}
