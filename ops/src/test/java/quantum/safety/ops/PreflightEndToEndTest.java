package quantum.safety.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import quantum.safety.process.LocalRedis;
import quantum.safety.testkit.RequiresTools;

/**
 * Install refuses, before it plans, validates or writes anything, what would make it fail half-way or do harm; each
 * refusal names the input and the fix, and leaves no backup and no manifest. Against a real Prometheus and
 * Alertmanager.
 */
@RequiresTools({"prometheus", "promtool", "prometheus-alertmanager"})
class PreflightEndToEndTest {

    @AutoClose
    private OpsEnvironment env;

    private void assertRefusedLeavingNothing(InstallRequest request, String... message) throws Exception {
        List<Path> before = env.files();
        byte[] config = env.configBytes();

        assertThatThrownBy(() -> new Installer(request, env.events()).install()).isInstanceOf(OpsInputException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(message).contains("nothing was changed")
                        .doesNotContain("\n"));

        assertThat(env.events().all()).as("refused before planning").isEmpty();
        assertThat(env.files()).isEqualTo(before);
        assertThat(env.configBytes()).isEqualTo(config);
    }

    @Test
    void aStoppedPrometheusIsRefusedBeforeAnyBackup() throws Exception {
        env = OpsEnvironment.start();
        env.prometheus().stop();

        assertRefusedLeavingNothing(env.install().build(), "--prometheus.url " + env.prometheus().url()
                + ": Prometheus does not answer", "connection refused", "--no-reload");
    }

    /** The legacy incident: promtool passes a 0-byte file, and Prometheus' own jobs would vanish on the reload. */
    @Test
    void anEmptyConfigWhilePrometheusRunsARealOneIsRefused() throws Exception {
        env = OpsEnvironment.start();
        Files.write(env.config(), new byte[0]);

        assertRefusedLeavingNothing(env.install().build(), "--prometheus.config " + env.config() + " is empty (0 bytes)",
                "quantum-safety ops backups --prometheus.config=" + env.config());
        assertThat(env.configBytes()).isEmpty();
    }

    @Test
    void aConfigThatIsNotTheOnePrometheusRunsIsRefusedNamingTheDifference() throws Exception {
        env = OpsEnvironment.start();
        Files.writeString(env.config(), new String(env.original()).replace("targets: ['127.0.0.1:9']",
                "targets: ['127.0.0.1:10']"));

        assertRefusedLeavingNothing(env.install().build(), "is not the config Prometheus at " + env.prometheus().url()
                + " runs", "the file says '127.0.0.1:10', Prometheus runs '127.0.0.1:9'", "--force");

        OpsResult forced = new Installer(env.install().force(true).dryRun(true).build(), env.events()).install();
        assertThat(forced.exitCode()).as("--force installs into the file as it is").isZero();
    }

    /** Comments, quoting and layout are the operator's; only what Prometheus would run counts. */
    @Test
    void theSameConfigWrittenDifferentlyIsAccepted() throws Exception {
        env = OpsEnvironment.start();
        Files.writeString(env.config(), new String(env.original()).replace("# Operator rules live next to ours.",
                "# reworded comment").replace("targets: ['127.0.0.1:9']", "targets: [\"127.0.0.1:9\"]"));

        OpsResult dryRun = new Installer(env.install().dryRun(true).build(), env.events()).install();

        assertThat(dryRun.exitCode()).as(env.events().toString()).isZero();
    }

    @Test
    void anAlertmanagerThatDoesNotAnswerIsRefused() throws Exception {
        env = OpsEnvironment.start();
        String nowhere = "http://127.0.0.1:" + LocalRedis.freePort();

        assertRefusedLeavingNothing(env.install().alertmanagerUrl(nowhere).build(),
                "--alertmanager.url " + nowhere + ": Alertmanager is not ready", "connection refused");
    }

    /** Refused before planning: a missing promtool would otherwise be the first complaint. */
    @Test
    void aTagThatReachesOutOfItsFolderIsRefusedFirst() throws Exception {
        env = OpsEnvironment.start();

        assertRefusedLeavingNothing(env.install().tag("../evil").promtool("/nonexistent/promtool").build(),
                "--backup.tag '../evil': use letters, digits and '-' only");
    }
}
