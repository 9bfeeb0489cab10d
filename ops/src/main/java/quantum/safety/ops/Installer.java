package quantum.safety.ops;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import quantum.safety.ops.backup.AtomicFiles;
import quantum.safety.ops.backup.BackupStamp;
import quantum.safety.ops.backup.FileAction;
import quantum.safety.ops.backup.FileChange;
import quantum.safety.ops.backup.Manifest;
import quantum.safety.ops.backup.ManifestStore;
import quantum.safety.ops.bundle.BundlePaths;
import quantum.safety.ops.prometheus.ExpectedRules;
import quantum.safety.ops.prometheus.PrometheusApi;
import quantum.safety.ops.prometheus.PrometheusApi.ReloadOutcome;
import quantum.safety.ops.prometheus.ScrapeJob;
import quantum.safety.ops.validate.Amtool;
import quantum.safety.ops.validate.Promtool;
import quantum.safety.ops.verify.CheckResult;
import quantum.safety.ops.verify.HostPort;
import quantum.safety.ops.verify.Verifier;
import quantum.safety.ops.verify.VerifySettings;

/**
 * {@code ops install}: plan, validate candidates with promtool/amtool, back up, write atomically, reload, verify,
 * and roll back by itself when Prometheus rejects the change, cannot be reached, or verification fails.
 * Nothing live changes before every candidate passed validation.
 */
public final class Installer {

    private final InstallRequest request;
    private final PrintWriter out;
    private final Http http = Http.withDefaults();

    public Installer(InstallRequest request, PrintWriter out) {
        this.request = request;
        this.out = out;
    }

    public OpsResult install() {
        Http.requireBaseUrl("--prometheus.url", request.prometheusUrl);
        request.alertmanagerUrl.ifPresent(u -> Http.requireBaseUrl("--alertmanager.url", u));
        out.println("bundle:  " + request.bundle.describe());
        Planner.Plan plan = new Planner(request).plan();
        Promtool promtool = Promtool.locate(request.promtool);
        Optional<Amtool> amtool = request.alertmanagerConfig.isPresent()
                ? Optional.of(Amtool.locate(request.amtool)) : Optional.empty();
        Path config = request.prometheusConfig.toAbsolutePath().normalize();
        printPlan(plan);

        List<PlannedFile> changed = plan.changed();
        if (changed.isEmpty()) {
            out.println("nothing to change: " + config + " and the bundle files are already installed");
            if (!request.reload || !request.verify || request.dryRun) {
                return OpsResult.ok("already installed; nothing changed");
            }
            List<CheckResult> results = verify();
            return Verifier.passed(results) ? OpsResult.ok("already installed; nothing changed; verification passed")
                    : OpsResult.failed("already installed; nothing changed; verification failed: " + Printing.failedNames(results));
        }
        String diff = diffs(changed);
        out.println("validate:");
        new StagedValidation(promtool, amtool, out).validate(candidates(changed), config, ruleTargets(plan),
                request.alertmanagerConfig.map(p -> p.toAbsolutePath().normalize()));
        if (request.dryRun) {
            out.print(diff);
            return OpsResult.ok("dry run: " + changed.size() + " file(s) would change; nothing was changed");
        }
        if (!request.confirm.test(diff)) {
            return OpsResult.failed("install aborted; nothing changed");
        }

        ManifestStore store = new ManifestStore(request.backupDir.orElse(ManifestStore.defaultDirFor(config)));
        BackupStamp stamp = BackupStamp.now(request.tag, request.clock);
        Manifest manifest = backUp(plan, changed, store, stamp);
        out.println("manifest: " + store.pathOf(manifest.id()));
        Rollback rollback = new Rollback(rollbackRequest(store), out);
        try {
            write(changed);
        } catch (UncheckedIOException e) {
            OpsResult undone = rollback.undoInstall(manifest, store, e.getMessage());
            return OpsResult.failed("install rolled back: " + e.getMessage() + "; " + undone.summary());
        }

        if (!request.reload) {
            out.println("reload:  skipped (--no-reload); reload Prometheus yourself: " + ReloadStep.MANUAL_RELOAD
                    + ", then run 'quantum-safety ops verify'");
            return OpsResult.ok("installed " + manifest.id() + "; Prometheus not reloaded");
        }
        PrometheusApi prometheus = new PrometheusApi(request.prometheusUrl, http);
        PrometheusApi.ReloadResult reload = ReloadStep.reload(prometheus, out);
        if (reload.outcome() == ReloadOutcome.LIFECYCLE_DISABLED) {
            out.println("         then check with 'quantum-safety ops verify'; undo with 'quantum-safety ops rollback'");
            return OpsResult.ok("installed " + manifest.id() + " (validated); not live until Prometheus is reloaded");
        }
        if (reload.outcome() != ReloadOutcome.RELOADED) {
            String reason = reload.outcome() == ReloadOutcome.UNREACHABLE
                    ? "Prometheus at " + request.prometheusUrl + " could not be reloaded (" + reload.detail() + ")"
                    : "Prometheus rejected the new config (" + reload.detail() + ")";
            OpsResult undone = rollback.undoInstall(manifest, store, reason);
            return OpsResult.failed("install rolled back: " + reason + "; " + undone.summary());
        }
        reloadAlertmanager(changed);
        if (!request.verify) {
            return OpsResult.ok("installed " + manifest.id() + "; not verified (--no-verify)");
        }
        List<CheckResult> results = verify();
        if (Verifier.passed(results)) {
            return OpsResult.ok("installed " + manifest.id() + " and verified; undo with 'quantum-safety ops rollback'");
        }
        String reason = "verification failed: " + Printing.failedNames(results);
        OpsResult undone = rollback.undoInstall(manifest, store, reason);
        return OpsResult.failed("install rolled back: " + reason + "; " + undone.summary());
    }

    private List<CheckResult> verify() {
        out.println("verify:  (waiting up to " + request.verifyTimeout.toSeconds() + "s for Prometheus to scrape)");
        List<CheckResult> results = new Verifier(verifySettings(), Verifier.verifyChecks())
                .runUntilPassed(request.verifyTimeout, Duration.ofMillis(500));
        Printing.results(out, results);
        return results;
    }

    VerifySettings verifySettings() {
        HostPort exporter = request.exporterAddress.orElseGet(() -> {
            ScrapeJob job = ScrapeJob.parse(new String(request.bundle.require(BundlePaths.SCRAPE_JOB), StandardCharsets.UTF_8),
                    BundlePaths.JOB_NAME, BundlePaths.SCRAPE_JOB);
            return HostPort.parse("the bundle's scrape target", job.targets().get(0));
        });
        boolean amAsked = request.alertmanagerUrl.isPresent() || request.alertmanagerConfig.isPresent();
        return VerifySettings.of(request.prometheusUrl, exporter, ExpectedRules.fromBundle(request.bundle))
                .withAlertmanager(request.alertmanagerUrl, amAsked)
                .withResolver(request.resolver);
    }

    private RollbackRequest rollbackRequest(ManifestStore store) {
        return RollbackRequest.of(request.prometheusConfig, request.prometheusUrl)
                .withBackupDir(store.dir())
                .withTools(request.promtool, request.amtool)
                .withReload(true, true, request.verifyTimeout)
                .withClock(request.clock);
    }

    private Manifest backUp(Planner.Plan plan, List<PlannedFile> changed, ManifestStore store, BackupStamp stamp) {
        List<FileChange> changes = new ArrayList<>();
        try {
            for (Path dir : plan.missingDirectories()) {
                Files.createDirectories(dir);
                out.println("mkdir:   " + dir);
            }
            for (PlannedFile file : changed) {
                String after = AtomicFiles.sha256(file.after());
                if (file.creates()) {
                    changes.add(new FileChange(file.target().toString(), file.kind().name(), FileAction.CREATED, null, null, after));
                } else {
                    Path backup = stamp.backupPathFor(file.target());
                    AtomicFiles.backup(file.target(), backup);
                    out.println("backup:  " + backup);
                    changes.add(new FileChange(file.target().toString(), file.kind().name(), FileAction.MODIFIED,
                            backup.toString(), AtomicFiles.sha256(file.before().get()), after));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot back up before installing (" + e.getMessage()
                    + "); no live file was changed", e);
        }
        Manifest manifest = new Manifest(store.newId(stamp), Manifest.KIND_INSTALL, stamp.tag(),
                LocalDateTime.now(request.clock).withNano(0).toString(),
                request.prometheusConfig.toAbsolutePath().normalize().toString(), changes,
                plan.missingDirectories().stream().map(Path::toString).toList(), null);
        store.save(manifest);
        return manifest;
    }

    private void write(List<PlannedFile> changed) {
        for (PlannedFile file : changed) {
            try {
                AtomicFiles.write(file.target(), file.after());
                out.println("write:   " + file.target() + " (" + file.after().length + " bytes, atomic rename)");
            } catch (IOException e) {
                throw new UncheckedIOException("writing " + file.target() + " failed (" + e.getMessage() + ")", e);
            }
        }
    }

    private void reloadAlertmanager(List<PlannedFile> changed) {
        boolean amChanged = changed.stream().anyMatch(f -> f.kind() == PlannedFile.Kind.ALERTMANAGER_CONFIG);
        if (!amChanged) {
            return;
        }
        if (request.alertmanagerUrl.isEmpty()) {
            out.println("reload:  Alertmanager config changed; reload it: kill -HUP $(pidof prometheus-alertmanager)"
                    + "   or   systemctl reload prometheus-alertmanager");
            return;
        }
        String url = Http.requireBaseUrl("--alertmanager.url", request.alertmanagerUrl.get()) + "/-/reload";
        try {
            out.println("reload:  POST " + url + " -> " + http.post(url).status());
        } catch (Http.UnreachableException e) {
            out.println("reload:  Alertmanager did not answer (" + e.getMessage() + "); reload it yourself");
        }
    }

    private void printPlan(Planner.Plan plan) {
        out.println("plan:");
        for (PlannedFile file : plan.files()) {
            String verb = !file.changed() ? "keep   " : file.creates() ? "create " : "modify ";
            out.println("  " + verb + " " + file.target() + (file.changed() ? "" : " (already as in the bundle)"));
            if (file.changed() && file.kind() == PlannedFile.Kind.PROMETHEUS_CONFIG) {
                file.changes().forEach(c -> out.println("            " + c));
            }
        }
    }

    private static String diffs(List<PlannedFile> changed) {
        StringBuilder diff = new StringBuilder();
        changed.forEach(f -> diff.append(Diffs.unified(f)));
        return diff.toString();
    }

    private static Map<Path, byte[]> candidates(List<PlannedFile> changed) {
        Map<Path, byte[]> map = new LinkedHashMap<>();
        changed.forEach(f -> map.put(f.target(), f.after()));
        return map;
    }

    private static List<Path> ruleTargets(Planner.Plan plan) {
        return plan.files().stream().filter(f -> f.kind() == PlannedFile.Kind.RULES).map(PlannedFile::target).toList();
    }
}
