package quantum.safety.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quantum.safety.ops.event.EventLog;
import quantum.safety.ops.event.OpsEvent.ManifestWritten;
import quantum.safety.ops.prometheus.DeploymentRule;
import quantum.safety.testkit.RequiresTools;

/**
 * The deployment rule through installs and rollbacks with the packaged bundle ({@code --no-reload}: real files and a
 * real promtool, no Prometheus): each install that changes something writes it naming itself and its time; one that
 * changes nothing leaves it alone; each rollback restores the one before, and the first install's rollback removes it.
 * DeploymentAnnotationsEndToEndTest shows what a real Prometheus and the dashboard make of it.
 */
@RequiresTools({"promtool"})
class DeploymentRuleInstallTest {

    private static final Instant FIRST = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path tmp;

    private PackagedBundleInstalls installs;
    private EventLog events;

    @BeforeEach
    void folder() throws Exception {
        installs = new PackagedBundleInstalls(tmp);
        events = installs.events();
        Files.writeString(installs.config(), PackagedBundleInstalls.ORIGINAL);
    }

    private Path rule() {
        return tmp.resolve("rules").resolve(DeploymentRule.FILE_NAME);
    }

    /** Installs at {@code at}; returns the install's id, or null when it changed nothing. */
    private String installAt(Instant at, InstallRequest.Builder request) {
        events.clear();
        OpsResult result = new Installer(request.clock(Clock.fixed(at, ZoneOffset.UTC)).build(), events).install();
        assertThat(result.exitCode()).as(events.toString()).isZero();
        return events.all(ManifestWritten.class).stream().map(ManifestWritten::installId).findFirst().orElse(null);
    }

    private void rollBackTheNewest() {
        events.clear();
        OpsResult result = new Rollback(RollbackRequest.builder().prometheusConfig(installs.config())
                .prometheusUrl("http://127.0.0.1:9").reload(false).verify(false).verifyTimeout(Duration.ofSeconds(1))
                .build(), events).run();
        assertThat(result.exitCode()).as(events.toString()).isZero();
    }

    @Test
    void eachInstallThatChangesSomethingNamesItselfAndEachRollbackRestoresTheRuleBeforeIt() throws Exception {
        String first = installAt(FIRST, installs.install());

        assertThat(first).isEqualTo("install_qs_20261201_100000");
        String firstRule = Files.readString(rule());
        assertThat(firstRule).contains("- name: quantum_safety_deployment",
                "- record: quantum_safety_ops_install_timestamp_seconds", "expr: vector(" + FIRST.getEpochSecond() + ")",
                "action: install", "install_id: " + first);
        assertThat(Files.readString(installs.config())).contains(rule().toString());

        assertThat(installAt(FIRST.plusSeconds(60), installs.install())).as("installing twice changes nothing").isNull();
        assertThat(Files.readString(rule())).isEqualTo(firstRule);

        String second = installAt(FIRST.plusSeconds(3600), installs.install().jobEnvironment("staging"));
        assertThat(second).isEqualTo("install_qs_20261201_110000");
        assertThat(Files.readString(rule())).contains("expr: vector(" + (FIRST.getEpochSecond() + 3600) + ")",
                "install_id: " + second).doesNotContain(first);

        rollBackTheNewest();
        assertThat(Files.readString(rule())).as("the first install's rule, restored").isEqualTo(firstRule);
        rollBackTheNewest();
        assertThat(rule()).as("the first install created it").doesNotExist();
        assertThat(Files.readString(installs.config())).isEqualTo(PackagedBundleInstalls.ORIGINAL);
    }

    @Test
    void theRuleNamesOnlyWhatAYamlScalarHoldsAsIs() {
        assertThat(new String(DeploymentRule.render("install_p13_20260119_034418_2", FIRST)))
                .contains("install_id: install_p13_20260119_034418_2");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeploymentRule.render("x: y", FIRST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: y");
    }
}
