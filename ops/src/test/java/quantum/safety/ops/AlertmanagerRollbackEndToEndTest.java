package quantum.safety.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import quantum.safety.ops.alertmanager.AlertmanagerApi;
import quantum.safety.ops.backup.Manifest;
import quantum.safety.ops.backup.ManifestStore;
import quantum.safety.ops.event.EventLog;
import quantum.safety.ops.event.OpsEvent.CheckPassed;
import quantum.safety.ops.event.OpsEvent.FileDeleted;
import quantum.safety.ops.event.OpsEvent.FileRestored;
import quantum.safety.ops.event.OpsEvent.FileValidated;
import quantum.safety.ops.event.OpsEvent.ReloadFailed;
import quantum.safety.ops.event.OpsEvent.ReloadLeftToOperator;
import quantum.safety.ops.event.OpsEvent.Reloaded;
import quantum.safety.ops.event.OpsEvent.RollbackPlanned;
import quantum.safety.ops.event.OpsEvent.VerificationStarted;
import quantum.safety.ops.plan.Service;
import quantum.safety.testkit.RequiresTools;

/**
 * An install that replaces the Alertmanager config the real Alertmanager runs, and its rollback: the operator's file
 * comes back byte for byte, the templates go, Alertmanager is reloaded (the one the install recorded) and runs the
 * operator's receivers again; a reload that fails, and a manifest that names no Alertmanager, are said as such.
 */
@RequiresTools({"prometheus", "promtool", "prometheus-alertmanager", "amtool"})
class AlertmanagerRollbackEndToEndTest {

    /** The operator's own routing, which the bundle's replaces under --force. */
    static final String OPERATOR_ROUTING = """
            # Operator's routing — keep these comments.
            route:
              receiver: oncall
              routes:
                - receiver: mail-ops
                  matchers: ['severity="warning"']
            receivers:
              - name: oncall
              - name: mail-ops
            """;

    @AutoClose
    private OpsEnvironment env;

    private final Http http = Http.withDefaults();

    private OpsResult installReplacingTheRouting() {
        return new Installer(env.install().alertmanagerConfig(env.alertmanagerConfig())
                .alertmanagerUrl(env.alertmanager().url()).force(true).build(), env.events()).install();
    }

    private AlertmanagerApi alertmanager() {
        return new AlertmanagerApi(env.alertmanager().url(), http);
    }

    /** A rollback with no URL at all: the services come from the install's manifest. */
    private RollbackRequest.Builder rollbackFromTheManifest() {
        return RollbackRequest.builder().prometheusConfig(env.config());
    }

    @Test
    void rollbackRestoresTheRoutingRemovesTheTemplatesReloadsAlertmanagerAndChecksItsReceivers() throws Exception {
        env = OpsEnvironment.startWithAlertmanagerConfig(OPERATOR_ROUTING);
        EventLog events = env.events();
        Path template = env.alertmanagerConfig().resolveSibling("templates/quantum_safety.tmpl");
        assertThat(alertmanager().runningReceivers()).containsExactly("oncall", "mail-ops");

        assertThat(installReplacingTheRouting().exitCode()).as(events.toString()).isZero();

        assertThat(template).exists();
        assertThat(events.all(FileValidated.class)).anyMatch(v -> v.command().contains("amtool check-config")
                && v.subject().contains("with templates [" + template + "]"));
        assertThat(alertmanager().runningReceivers()).as("the real Alertmanager loaded the bundle and its template")
                .containsExactly("operators");
        events.clear();

        OpsResult result = new Rollback(rollbackFromTheManifest().build(), events).run();

        assertThat(result.exitCode()).as(events.toString()).isZero();
        assertThat(events.steps()).containsSubsequence("RollbackPlanned", "FileRestored", "FileDeleted", "RolledBack",
                "ReloadRequested", "Reloaded", "ReloadRequested", "Reloaded", "VerificationStarted", "CheckPassed",
                "VerificationFinished");
        assertThat(events.first(RollbackPlanned.class).plan().reloads()).extracting(r -> r.service() + " " + r.how())
                .containsExactly("PROMETHEUS POST " + env.prometheus().url() + "/-/reload",
                        "ALERTMANAGER POST " + env.alertmanager().url() + "/-/reload");
        assertThat(events.all(Reloaded.class)).extracting(Reloaded::service)
                .containsExactly(Service.PROMETHEUS, Service.ALERTMANAGER);
        assertThat(events.first(VerificationStarted.class).alertmanager()).isEqualTo(env.alertmanager().url());
        assertThat(events.all(CheckPassed.class)).extracting(CheckPassed::name).containsExactly(
                "job quantum_safety_telemetry gone", "our rule groups gone", "Alertmanager runs the restored receivers");
        assertThat(events.all(FileRestored.class)).extracting(FileRestored::file).contains(env.alertmanagerConfig());
        assertThat(events.all(FileDeleted.class)).extracting(FileDeleted::file).contains(template);
        assertThat(Files.readString(env.alertmanagerConfig())).isEqualTo(OPERATOR_ROUTING);
        assertThat(template).doesNotExist();
        assertThat(template.getParent()).as("the folder the install created").doesNotExist();
        assertThat(alertmanager().runningReceivers()).containsExactly("oncall", "mail-ops");
        assertThat(result.summary()).contains("Prometheus reloaded and runs the restored files",
                "Alertmanager reloaded and runs the restored receivers", "rolled back (Prometheus 4 files, Alertmanager 2 files);");
    }

    @Test
    void anAlertmanagerThatCannotBeReloadedIsAFailureWithTheCommandToRetry() throws Exception {
        env = OpsEnvironment.startWithAlertmanagerConfig(OPERATOR_ROUTING);
        assertThat(installReplacingTheRouting().exitCode()).as(env.events().toString()).isZero();
        env.alertmanager().stop();
        env.events().clear();

        OpsResult result = new Rollback(rollbackFromTheManifest().build(), env.events()).run();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.summary()).contains("Prometheus reloaded and runs the restored files",
                "Alertmanager at " + env.alertmanager().url() + " did not reload, so it may still route with the "
                        + "installed config; retry: curl -X POST " + env.alertmanager().url() + "/-/reload");
        ReloadFailed failed = env.events().first(ReloadFailed.class);
        assertThat(failed.service()).isEqualTo(Service.ALERTMANAGER);
        assertThat(failed.failure()).isEqualTo(ReloadFailed.Failure.UNREACHABLE);
        assertThat(Files.readString(env.alertmanagerConfig())).as("the files are restored all the same")
                .isEqualTo(OPERATOR_ROUTING);
    }

    @Test
    void aManifestWithoutAnAlertmanagerUrlTakesTheFlagOrSaysToReloadByHand() throws Exception {
        env = OpsEnvironment.startWithAlertmanagerConfig(OPERATOR_ROUTING);
        ManifestStore store = new ManifestStore(ManifestStore.defaultDirFor(env.config()));

        assertThat(installReplacingTheRouting().exitCode()).as(env.events().toString()).isZero();
        asAnOlderVersionWroteIt(store);
        env.events().clear();
        OpsResult withFlag = new Rollback(rollbackFromTheManifest().prometheusUrl(env.prometheus().url())
                .alertmanagerUrl(env.alertmanager().url()).build(), env.events()).run();

        assertThat(withFlag.exitCode()).as(env.events().toString()).isZero();
        assertThat(withFlag.summary()).contains("Alertmanager reloaded and runs the restored receivers");
        assertThat(alertmanager().runningReceivers()).containsExactly("oncall", "mail-ops");

        assertThat(installReplacingTheRouting().exitCode()).as(env.events().toString()).isZero();
        asAnOlderVersionWroteIt(store);
        env.events().clear();
        OpsResult withoutFlag = new Rollback(rollbackFromTheManifest().prometheusUrl(env.prometheus().url()).build(),
                env.events()).run();

        assertThat(withoutFlag.exitCode()).as(env.events().toString()).isZero();
        ReloadLeftToOperator left = env.events().first(ReloadLeftToOperator.class);
        assertThat(left.service()).isEqualTo(Service.ALERTMANAGER);
        assertThat(left.reason()).isEqualTo(ReloadLeftToOperator.Reason.NO_URL);
        assertThat(left.command()).contains("kill -HUP $(pidof prometheus-alertmanager)");
        assertThat(withoutFlag.summary()).contains("Alertmanager not reloaded: the install recorded no Alertmanager URL",
                "reload it by hand: kill -HUP $(pidof prometheus-alertmanager)", "--alertmanager.url");
        assertThat(Files.readString(env.alertmanagerConfig())).isEqualTo(OPERATOR_ROUTING);
        assertThat(alertmanager().runningReceivers()).as("nobody reloaded it, and the output says so")
                .containsExactly("operators");
    }

    @Test
    void aBrokenTemplateIsRefusedByAmtoolBeforeAnythingChanges() throws Exception {
        env = OpsEnvironment.startWithAlertmanagerConfig(OPERATOR_ROUTING);
        Files.writeString(env.dir().resolve("bundle/alertmanager/templates/quantum_safety.tmpl"),
                "{{ define \"quantum_safety.title\" }}{{ .Status \n");

        assertThatThrownBy(this::installReplacingTheRouting).isInstanceOf(OpsInputException.class)
                .hasMessageContaining("amtool refused the candidate " + env.alertmanagerConfig() + " with templates")
                .hasMessageContaining("quantum_safety.tmpl");

        assertThat(Files.readString(env.alertmanagerConfig())).isEqualTo(OPERATOR_ROUTING);
        assertThat(env.alertmanagerConfig().resolveSibling("templates")).doesNotExist();
        assertThat(env.configBytes()).isEqualTo(env.original());
    }

    /** Rewrites the newest manifest as installs before this version wrote it: no Prometheus or Alertmanager URL. */
    private static void asAnOlderVersionWroteIt(ManifestStore store) {
        Manifest m = store.latestActive().orElseThrow();
        store.save(new Manifest(m.id(), m.kind(), m.tag(), m.createdAt(), m.prometheusConfig(), m.files(),
                m.createdDirectories(), m.rolledBackAt()));
    }
}
