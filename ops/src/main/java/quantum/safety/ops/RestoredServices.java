package quantum.safety.ops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import quantum.safety.ops.RollbackPlanner.Prepared;
import quantum.safety.ops.RollbackPlanner.Restoration;
import quantum.safety.ops.alertmanager.AlertmanagerApi;
import quantum.safety.ops.alertmanager.RestoredReceiversCheck;
import quantum.safety.ops.event.OpsEvent.VerificationStarted;
import quantum.safety.ops.event.OpsListener;
import quantum.safety.ops.plan.FileKind;
import quantum.safety.ops.prometheus.PrometheusApi;
import quantum.safety.ops.prometheus.PrometheusApi.ReloadOutcome;
import quantum.safety.ops.verify.CheckResult;
import quantum.safety.ops.verify.Verifier;
import quantum.safety.ops.verify.VerifyStep;

/**
 * The end of a rollback, once the files are back: reload Prometheus and, when the rollback changed its files,
 * Alertmanager; check that each runs the restored files; and say, service by service, what was restored, reloaded
 * and verified. A reload that fails is a failure (exit 1), and the summary carries the command that retries it:
 * the files are already restored, so re-running the rollback would find nothing to undo.
 */
final class RestoredServices {

    private final RollbackRequest request;
    private final Prepared prepared;
    private final OpsListener events;
    private final Http http;
    private final List<String> removedReceivers;

    /** {@code removedReceivers}: those of an Alertmanager config the rollback deleted, read before it went. */
    RestoredServices(RollbackRequest request, Prepared prepared, OpsListener events, Http http,
                     List<String> removedReceivers) {
        this.request = request;
        this.prepared = prepared;
        this.events = events;
        this.http = http;
        this.removedReceivers = List.copyOf(removedReceivers);
    }

    OpsResult reloadAndCheck(String what) {
        String done = what + files();
        boolean alertmanagerToo = prepared.touchesAlertmanager();
        if (!request.reload()) {
            ReloadStep.prometheusNotAsked(events, null);
            if (alertmanagerToo) {
                ReloadStep.alertmanagerNotAsked(prepared.services().alertmanagerUrl(), events);
            }
            return OpsResult.ok(done + "; not reloaded (--no-reload): Prometheus" + (alertmanagerToo ? " and Alertmanager"
                    : "") + " read the restored files on their next reload");
        }
        List<String> said = new ArrayList<>();
        boolean failed = false;
        PrometheusApi prometheus = new PrometheusApi(prepared.services().prometheusUrl(), http);
        PrometheusApi.ReloadResult reload = ReloadStep.prometheus(prometheus, events, null);
        boolean prometheusReloaded = reload.outcome() == ReloadOutcome.RELOADED;
        if (reload.outcome() == ReloadOutcome.LIFECYCLE_DISABLED) {
            said.add("Prometheus not reloaded (its lifecycle API is off): run " + ReloadStep.MANUAL_RELOAD);
        } else if (!prometheusReloaded) {
            failed = true;
            said.add("Prometheus at " + prometheus.baseUrl() + " did not reload (" + reload.detail()
                    + "); retry: curl -X POST " + prometheus.baseUrl() + "/-/reload");
        }
        Optional<AlertmanagerApi> alertmanager = Optional.empty();
        if (alertmanagerToo) {
            Optional<String> url = prepared.services().alertmanagerUrl();
            boolean reloaded = ReloadStep.alertmanager(url, http, events);
            if (url.isEmpty()) {
                said.add("Alertmanager not reloaded: the install recorded no Alertmanager URL (installs before this "
                        + "version did not), so reload it by hand: " + ReloadStep.MANUAL_ALERTMANAGER_RELOAD
                        + " (or pass --alertmanager.url and rollback does it)");
            } else if (!reloaded) {
                failed = true;
                said.add("Alertmanager at " + url.get() + " did not reload and still runs the installed config; retry: "
                        + AlertmanagerApi.reloadCommand(url.get()));
            } else {
                alertmanager = Optional.of(new AlertmanagerApi(url.get(), http));
            }
        }
        if (!request.verify() || !prometheusReloaded && alertmanager.isEmpty()) {
            if (prometheusReloaded) {
                said.add(0, "Prometheus reloaded");
            }
            alertmanager.ifPresent(a -> said.add("Alertmanager reloaded"));
            return new OpsResult(failed ? 1 : 0, done + "; " + String.join("; ", said));
        }
        events.on(new VerificationStarted(VerificationStarted.Subject.RESTORED_FILES,
                prometheusReloaded ? prometheus.baseUrl() : null, null,
                alertmanager.map(AlertmanagerApi::baseUrl).orElse(null), request.verifyTimeout().toSeconds()));
        List<CheckResult> prometheusResults = prometheusReloaded ? StateCheck.await(prometheus, request.configPath(),
                paths(FileKind.RULES), request.verifyTimeout()) : List.of();
        // Only the templates changed: the config, and so the receivers, are what they were.
        List<CheckResult> alertmanagerResults = alertmanager.flatMap(a -> paths(FileKind.ALERTMANAGER_CONFIG).stream()
                .findFirst().map(config -> List.of(RestoredReceiversCheck.check(a, config, removedReceivers))))
                .orElse(List.of());
        List<CheckResult> all = new ArrayList<>(prometheusResults);
        all.addAll(alertmanagerResults);
        VerifyStep.report(all, events);
        if (prometheusReloaded) {
            boolean runs = Verifier.passed(prometheusResults);
            failed |= !runs;
            said.add(0, runs ? "Prometheus reloaded and runs the restored files"
                    : "Prometheus reloaded but does not run the restored files yet: " + Verifier.failedNames(prometheusResults));
        }
        if (alertmanager.isPresent()) {
            boolean runs = Verifier.passed(alertmanagerResults);
            failed |= !runs;
            said.add(runs ? "Alertmanager reloaded and runs the restored receivers"
                    : "Alertmanager reloaded but does not run the restored receivers: see the fix above");
        }
        return new OpsResult(failed ? 1 : 0, done + "; " + String.join("; ", said));
    }

    /** How many files went back, by service, e.g. " (Prometheus 3 files, Alertmanager 2, Grafana 2)". */
    private String files() {
        long prometheus = prepared.files().stream().filter(f -> f.kind() == null || f.kind() == FileKind.RULES
                || f.kind() == FileKind.PROMETHEUS_CONFIG).count();
        long alertmanager = prepared.files().stream().filter(f -> f.kind() != null && f.kind().alertmanager()).count();
        long grafana = prepared.files().stream().filter(f -> f.kind() == FileKind.DASHBOARD
                || f.kind() == FileKind.DASHBOARD_PROVISIONING).count();
        List<String> parts = new ArrayList<>();
        parts.add("Prometheus " + prometheus + (prometheus == 1 ? " file" : " files"));
        if (alertmanager > 0) {
            parts.add("Alertmanager " + alertmanager);
        }
        if (grafana > 0) {
            // Grafana is not reloaded: its file provider drops a dashboard whose file is gone on its next scan.
            parts.add("Grafana " + grafana + ", which drops the dashboard on its next provisioning scan");
        }
        return " (" + String.join(", ", parts) + ")";
    }

    private List<Path> paths(FileKind kind) {
        return prepared.files().stream().filter(f -> f.kind() == kind).map(Restoration::path).toList();
    }
}
