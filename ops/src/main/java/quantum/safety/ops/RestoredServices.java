package quantum.safety.ops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
    private final Set<String> jobsBefore;

    /**
     * {@code removedReceivers}: those of an Alertmanager config the rollback deleted, read before it went;
     * {@code jobsBefore}: our scrape jobs prometheus.yml had before the rollback.
     */
    RestoredServices(RollbackRequest request, Prepared prepared, OpsListener events, Http http,
                     List<String> removedReceivers, Set<String> jobsBefore) {
        this.request = request;
        this.prepared = prepared;
        this.events = events;
        this.http = http;
        this.removedReceivers = List.copyOf(removedReceivers);
        this.jobsBefore = Set.copyOf(jobsBefore);
    }

    OpsResult reloadAndCheck(String what) {
        String done = what + files();
        if (!request.reload()) {
            ReloadStep.prometheusNotAsked(events, null);
            if (prepared.touchesAlertmanager()) {
                ReloadStep.alertmanagerNotAsked(prepared.services().alertmanagerUrl(), events);
            }
            return OpsResult.ok(done + "; not reloaded (--no-reload): Prometheus" + (prepared.touchesAlertmanager()
                    ? " and Alertmanager" : "") + " read the restored files on their next reload");
        }
        Summary summary = new Summary();
        PrometheusApi prometheus = new PrometheusApi(prepared.services().prometheusUrl(), http);
        Optional<PrometheusApi> reloaded = reloadPrometheus(prometheus, summary);
        Optional<AlertmanagerApi> alertmanager = prepared.touchesAlertmanager() ? reloadAlertmanager(summary)
                : Optional.empty();
        if (request.verify() && (reloaded.isPresent() || alertmanager.isPresent())) {
            verify(reloaded, alertmanager, summary);
        } else {
            reloaded.ifPresent(p -> summary.prometheus = "Prometheus reloaded");
            alertmanager.ifPresent(a -> summary.alertmanager = "Alertmanager reloaded");
        }
        return summary.result(done);
    }

    /** The Prometheus, when it reloaded; else the summary says why not and, if it failed, how to retry. */
    private Optional<PrometheusApi> reloadPrometheus(PrometheusApi prometheus, Summary summary) {
        PrometheusApi.ReloadResult reload = ReloadStep.prometheus(prometheus, events, null);
        if (reload.outcome() == ReloadOutcome.RELOADED) {
            return Optional.of(prometheus);
        }
        if (reload.outcome() == ReloadOutcome.LIFECYCLE_DISABLED) {
            summary.prometheus = "Prometheus not reloaded (its lifecycle API is off): run " + ReloadStep.MANUAL_RELOAD;
        } else {
            summary.fail();
            summary.prometheus = "Prometheus at " + prometheus.baseUrl() + " did not reload (" + reload.detail()
                    + "); retry: curl -X POST " + prometheus.baseUrl() + "/-/reload";
        }
        return Optional.empty();
    }

    /** The Alertmanager, when it reloaded; else the summary says why not and what to run. */
    private Optional<AlertmanagerApi> reloadAlertmanager(Summary summary) {
        Optional<String> url = prepared.services().alertmanagerUrl();
        boolean reloaded = ReloadStep.alertmanager(url, http, events);
        if (url.isEmpty()) {
            summary.alertmanager = "Alertmanager not reloaded: the install recorded no Alertmanager URL (installs "
                    + "before this version did not), so reload it by hand: " + ReloadStep.MANUAL_ALERTMANAGER_RELOAD
                    + " (or pass --alertmanager.url and rollback does it)";
            return Optional.empty();
        }
        if (!reloaded) {
            summary.fail();
            summary.alertmanager = "Alertmanager at " + url.get() + " did not reload, so it may still route with the "
                    + "installed config; retry: " + AlertmanagerApi.reloadCommand(url.get());
            return Optional.empty();
        }
        return Optional.of(new AlertmanagerApi(url.get(), http));
    }

    /** One round of checks over the services that reloaded, reported together; each service's verdict summed up. */
    private void verify(Optional<PrometheusApi> prometheus, Optional<AlertmanagerApi> alertmanager, Summary summary) {
        events.on(new VerificationStarted(VerificationStarted.Subject.RESTORED_FILES,
                prometheus.map(PrometheusApi::baseUrl).orElse(null), null,
                alertmanager.map(AlertmanagerApi::baseUrl).orElse(null), request.verifyTimeout().toSeconds()));
        List<CheckResult> prometheusResults = prometheus.map(p -> StateCheck.await(p, request.configPath(),
                paths(FileKind.RULES), jobsBefore, request.verifyTimeout())).orElse(List.of());
        // Only the templates changed: the config, and so the receivers, are what they were.
        List<CheckResult> alertmanagerResults = alertmanager.flatMap(a -> paths(FileKind.ALERTMANAGER_CONFIG).stream()
                .findFirst().map(config -> List.of(RestoredReceiversCheck.check(a, config, removedReceivers))))
                .orElse(List.of());
        List<CheckResult> all = new ArrayList<>(prometheusResults);
        all.addAll(alertmanagerResults);
        VerifyStep.report(all, events);
        if (prometheus.isPresent()) {
            boolean runs = Verifier.passed(prometheusResults);
            summary.failIf(!runs);
            summary.prometheus = runs ? "Prometheus reloaded and runs the restored files"
                    : "Prometheus reloaded but does not run the restored files yet: " + Verifier.failedNames(prometheusResults);
        }
        if (alertmanager.isPresent()) {
            boolean runs = Verifier.passed(alertmanagerResults);
            summary.failIf(!runs);
            summary.alertmanager = runs ? "Alertmanager reloaded and runs the restored receivers"
                    : "Alertmanager reloaded but does not run the restored receivers: see the fix above";
        }
    }

    /** What the summary line says of each service, Prometheus first, and whether any of it is a failure. */
    private static final class Summary {
        private String prometheus;
        private String alertmanager;
        private boolean failed;

        void fail() {
            failed = true;
        }

        void failIf(boolean condition) {
            failed |= condition;
        }

        OpsResult result(String done) {
            StringBuilder line = new StringBuilder(done);
            for (String said : new String[] {prometheus, alertmanager}) {
                if (said != null) {
                    line.append("; ").append(said);
                }
            }
            return new OpsResult(failed ? 1 : 0, line.toString());
        }
    }

    /** How many files went back, by service, e.g. " (Prometheus 3 files, Alertmanager 2 files)". */
    private String files() {
        long prometheus = prepared.files().stream().filter(f -> f.kind() == null || f.kind() == FileKind.RULES
                || f.kind() == FileKind.PROMETHEUS_CONFIG).count();
        long alertmanager = prepared.files().stream().filter(f -> f.kind() != null && f.kind().alertmanager()).count();
        long grafana = prepared.files().stream().filter(f -> f.kind() == FileKind.DASHBOARD
                || f.kind() == FileKind.DASHBOARD_PROVISIONING).count();
        List<String> parts = new ArrayList<>();
        parts.add("Prometheus " + count(prometheus));
        if (alertmanager > 0) {
            parts.add("Alertmanager " + count(alertmanager));
        }
        if (grafana > 0) {
            // Grafana is not reloaded: its file provider drops a dashboard whose file is gone on its next scan.
            parts.add("Grafana " + count(grafana) + ", whose dashboard goes at its next provisioning scan");
        }
        return " (" + String.join(", ", parts) + ")";
    }

    private static String count(long files) {
        return files + (files == 1 ? " file" : " files");
    }

    private List<Path> paths(FileKind kind) {
        return prepared.files().stream().filter(f -> f.kind() == kind).map(Restoration::path).toList();
    }
}
