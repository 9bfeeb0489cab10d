package quantum.safety.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import quantum.safety.cli.exporter.InProcessExporter;
import quantum.safety.testkit.RequiresTools;
import quantum.safety.testkit.ops.OperatorMachine;

/**
 * {@code ops rollback} typed with nothing but the config file, after an install that replaced the routing the real
 * Alertmanager runs: it reloads the Prometheus and the Alertmanager the install recorded (not the default
 * 127.0.0.1:9090), and says, in text and in JSON lines, what it restored, reloaded and verified for each.
 */
@RequiresTools({"prometheus", "promtool", "prometheus-alertmanager", "amtool"})
class RollbackCommandEndToEndTest {

    static final String OPERATOR_ROUTING = """
            route:
              receiver: oncall
            receivers:
              - name: oncall
            """;

    @AutoClose
    private OperatorMachine env;

    private void install() {
        OpsCommandTest.Run install = OpsCommandTest.run("ops", "install", "--yes", "--force", "--verify.timeout=30s",
                "--prometheus.config=" + env.config(), "--prometheus.rules-dir=" + env.config().resolveSibling("rules"),
                "--prometheus.url=" + env.prometheus().url(), "--exporter.address=" + env.exporter().target(),
                "--alertmanager.config=" + env.alertmanagerConfig(), "--alertmanager.url=" + env.alertmanager().url(),
                "--job.environment=staging", "--bundle.dir=" + env.bundleDir());
        assertThat(install.code()).as(install.out() + install.err()).isZero();
        assertThat(install.out()).contains("environment=staging", "reload:  POST " + env.alertmanager().url() + "/-/reload -> 200");
    }

    @Test
    void rollbackWithOnlyTheConfigFileReloadsAndChecksWhatTheInstallUsedAsText() throws Exception {
        env = OperatorMachine.startWithAlertmanagerConfig(OPERATOR_ROUTING, InProcessExporter::onLoopbackV4);
        install();

        OpsCommandTest.Run rollback = OpsCommandTest.run("ops", "rollback", "--yes", "--verify.timeout=30s",
                "--prometheus.config=" + env.config());

        assertThat(rollback.code()).as(rollback.out() + rollback.err()).isZero();
        assertThat(rollback.out()).contains(
                "delete:  " + env.alertmanagerConfig().resolveSibling("templates/quantum_safety.tmpl"),
                "reload:  POST " + env.prometheus().url() + "/-/reload -> 200",
                "reload:  POST " + env.alertmanager().url() + "/-/reload -> 200",
                "verify:  Prometheus and Alertmanager run the restored files",
                "PASSED  Alertmanager runs the restored receivers",
                "receivers [oncall]",
                "Prometheus reloaded and runs the restored files; Alertmanager reloaded and runs the restored receivers");
        assertThat(Files.readString(env.alertmanagerConfig())).isEqualTo(OPERATOR_ROUTING);
        assertThat(Files.readAllBytes(env.config())).isEqualTo(env.original());
    }

    @Test
    void rollbackAsJsonLinesNamesEachServiceItReloadedAndVerified() throws Exception {
        env = OperatorMachine.startWithAlertmanagerConfig(OPERATOR_ROUTING, InProcessExporter::onLoopbackV4);
        install();

        OpsCommandTest.Run rollback = OpsCommandTest.run("ops", "rollback", "--json", "--yes", "--verify.timeout=30s",
                "--prometheus.config=" + env.config());

        assertThat(rollback.code()).as(rollback.out() + rollback.err()).isZero();
        List<JsonNode> lines = OpsCommandTest.jsonLines(rollback.out());
        assertThat(lines).filteredOn(l -> l.path("event").asText().equals("Reloaded"))
                .extracting(l -> l.path("service").asText() + " " + l.path("detail").asText())
                .containsExactly("PROMETHEUS POST " + env.prometheus().url() + "/-/reload -> 200",
                        "ALERTMANAGER POST " + env.alertmanager().url() + "/-/reload -> 200");
        JsonNode started = OpsCommandTest.first(lines, "VerificationStarted");
        assertThat(started.path("prometheusUrl").asText()).isEqualTo(env.prometheus().url());
        assertThat(started.path("alertmanager").asText()).isEqualTo(env.alertmanager().url());
        assertThat(lines).filteredOn(l -> l.path("event").asText().equals("CheckPassed"))
                .extracting(l -> l.path("name").asText())
                .containsExactly("job quantum_safety_telemetry gone", "our rule groups gone",
                        "Alertmanager runs the restored receivers");
        assertThat(OpsCommandTest.first(lines, "Finished").path("summary").asText())
                .contains("Alertmanager reloaded and runs the restored receivers");
    }
}
