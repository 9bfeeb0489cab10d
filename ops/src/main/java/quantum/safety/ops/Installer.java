package quantum.safety.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import quantum.safety.ops.backup.AtomicFiles;
import quantum.safety.ops.backup.BackupStamp;
import quantum.safety.ops.backup.Manifest;
import quantum.safety.ops.backup.ManifestStore;
import quantum.safety.ops.bundle.ServiceJob;
import quantum.safety.ops.commands.OperatorCommands;
import quantum.safety.ops.event.OpsEvent.DryRunEnded;
import quantum.safety.ops.event.OpsEvent.FileWritten;
import quantum.safety.ops.event.OpsEvent.InstallPlanned;
import quantum.safety.ops.event.OpsEvent.InstallStarted;
import quantum.safety.ops.event.OpsEvent.NothingToChange;
import quantum.safety.ops.event.OpsEvent.ValidationStarted;
import quantum.safety.ops.event.OpsListener;
import quantum.safety.ops.plan.FileKind;
import quantum.safety.ops.plan.InstallPlan;
import quantum.safety.ops.prometheus.ExpectedRules;
import quantum.safety.ops.prometheus.PrometheusApi;
import quantum.safety.ops.prometheus.PrometheusApi.ReloadOutcome;
import quantum.safety.ops.validate.Amtool;
import quantum.safety.ops.validate.Promtool;
import quantum.safety.ops.verify.CheckResult;
import quantum.safety.ops.verify.HostPort;
import quantum.safety.ops.verify.ServiceJobToCheck;
import quantum.safety.ops.verify.Verifier;
import quantum.safety.ops.verify.VerifySettings;
import quantum.safety.ops.verify.VerifyStep;

/**
 * {@code ops install}: check the inputs and the services first ({@link Preflight}), plan, validate candidates with
 * promtool/amtool, back up, write atomically, reload, verify, and roll back by itself, leaving no backup or manifest
 * of the failed try, when Prometheus rejects the change, cannot be reached, or verification fails.
 * Nothing live changes before every candidate passed validation. What happens is told to the listener as events.
 */
public final class Installer {

    private final InstallRequest request;
    private final OpsListener events;
    private final Http http = Http.withDefaults();

    /** Reads the manifests when {@code request} gives no remote write, to keep the one the install in place recorded. */
    public Installer(InstallRequest request, OpsListener listener) {
        this.request = request.withRemoteWriteRecalled();
        this.events = OpsListener.guarded(listener);
    }

    public OpsResult install() {
        request.jobEnvironment().ifPresent(Installer::requireEnvironment);
        new Preflight(request, http).check();
        Path config = request.configPath();
        events.on(new InstallStarted(request.bundle().describe(), config));
        Planner planner = new Planner(request);
        // One stamp names the manifest, the backups and the deployment rule, so the rule names this very install.
        BackupStamp stamp = BackupStamp.now(request.tag(), request.clock());
        String installId = new ManifestStore(request.manifestDir()).newId(stamp);
        Planner.Plan files = planner.plan(installId, request.clock().instant());
        Promtool promtool = Promtool.locate(request.promtool());
        Optional<Amtool> amtool = request.alertmanagerConfig().isPresent()
                ? Optional.of(Amtool.locate(request.amtool())) : Optional.empty();
        InstallPlan plan = planner.describe(files);
        events.on(new InstallPlanned(plan));

        List<PlannedFile> changed = files.changed();
        if (changed.isEmpty()) {
            events.on(new NothingToChange(config));
            if (plan.verification() == null) {
                return OpsResult.ok("already installed; nothing changed");
            }
            List<CheckResult> results = verify();
            return Verifier.passed(results)
                    ? OpsResult.ok("already installed; nothing changed; verification passed" + warnings(results))
                    : OpsResult.failed("already installed; nothing changed; verification failed: "
                    + Verifier.failedNames(results));
        }
        events.on(new ValidationStarted());
        new StagedValidation(promtool, amtool, events).validate(contents(changed), config,
                targets(files, FileKind.RULES), request.alertmanagerConfig().map(p -> p.toAbsolutePath().normalize()),
                contents(files.files().stream().filter(f -> f.kind() == FileKind.ALERTMANAGER_TEMPLATE).toList()));
        if (request.dryRun()) {
            events.on(new DryRunEnded(changed.stream().map(PlannedFile::target).toList()));
            return OpsResult.ok("dry run: " + changed.size() + " file(s) would change; nothing was changed");
        }
        if (!request.confirm().test(plan)) {
            return OpsResult.failed("install aborted; nothing changed");
        }
        ManifestStore store = new ManifestStore(plan.manifestDir());
        boolean storeIsNew = !Files.isDirectory(store.dir());
        Manifest manifest = InstallBackup.write(request, files, store, events, stamp, installId);
        Attempt attempt = new Attempt(manifest, store, storeIsNew, new Rollback(rollbackRequest(store), events));
        return applyAndCheck(changed, attempt);
    }

    /** One try at installing: what it wrote down, and how it undoes itself, leaving no trace, when it fails. */
    private record Attempt(Manifest manifest, ManifestStore store, boolean storeIsNew, Rollback rollback) {

        OpsResult undo(String reason) {
            OpsResult undone = rollback.undoInstall(manifest, store, reason);
            String left = InstallBackup.discard(manifest, store, storeIsNew);
            return OpsResult.failed("install rolled back: " + reason + "; " + undone.summary() + "; "
                    + (left == null ? "its backups and manifest removed" : "its backups and manifest " + left));
        }
    }

    /** From the first live write on, every way out that leaves Prometheus on a bad config goes through the rollback. */
    private OpsResult applyAndCheck(List<PlannedFile> changed, Attempt attempt) {
        String id = attempt.manifest().id();
        OperatorCommands commands = new OperatorCommands(attempt.manifest().setup());
        String checkThenUndo = "check: " + commands.verify() + "\nundo:  " + commands.rollback(null);
        try {
            write(changed);
        } catch (UncheckedIOException e) {
            return attempt.undo(e.getMessage());
        }
        if (!request.reload()) {
            ReloadStep.prometheusNotAsked(events, checkThenUndo);
            return OpsResult.ok("installed " + id + "; Prometheus not reloaded");
        }
        PrometheusApi prometheus = new PrometheusApi(request.prometheusUrl(), http);
        PrometheusApi.ReloadResult reload = ReloadStep.prometheus(prometheus, events, checkThenUndo);
        if (reload.outcome() == ReloadOutcome.LIFECYCLE_DISABLED) {
            return OpsResult.ok("installed " + id + " (validated); not live until Prometheus is reloaded");
        }
        if (reload.outcome() != ReloadOutcome.RELOADED) {
            return attempt.undo(reload.outcome() == ReloadOutcome.UNREACHABLE
                    ? "Prometheus at " + request.prometheusUrl() + " could not be reloaded (" + reload.detail() + ")"
                    : "Prometheus rejected the new config (" + reload.detail() + ")");
        }
        if (changed.stream().anyMatch(f -> f.kind().alertmanager())) {
            ReloadStep.alertmanager(request.alertmanagerUrl(), http, events);
        }
        if (!request.verify()) {
            return OpsResult.ok("installed " + id + "; not verified (--no-verify); check with: " + commands.verify());
        }
        List<CheckResult> results = verify();
        if (Verifier.passed(results)) {
            return OpsResult.ok("installed " + id + " and verified" + warnings(results) + "; undo with: "
                    + commands.rollback(null));
        }
        return attempt.undo("verification failed: " + Verifier.failedNames(results));
    }

    /** A label value an operator can read back: not blank, no control characters (they would show up in alerts). */
    static void requireEnvironment(String value) {
        if (value.isBlank() || value.chars().anyMatch(Character::isISOControl)) {
            throw new OpsInputException("--job.environment '" + value.replaceAll("\\p{Cntrl}", "?") + "' is not a usable "
                    + "label value; give the environment's name, e.g. --job.environment=production, or leave the flag out "
                    + "for no environment label");
        }
    }

    /** Untidy findings never undo an install; the summary counts them so they are not missed. */
    static String warnings(List<CheckResult> results) {
        List<String> names = Verifier.warningNames(results);
        return names.isEmpty() ? "" : ", with " + names.size() + (names.size() == 1 ? " warning " : " warnings ")
                + names + " (each with its fix above)";
    }

    private List<CheckResult> verify() {
        return VerifyStep.run(verifySettings(), request.verifyTimeout(), Duration.ofMillis(500), events);
    }

    VerifySettings verifySettings() {
        HostPort exporter = request.exporterTarget();
        boolean amAsked = request.alertmanagerUrl().isPresent() || request.alertmanagerConfig().isPresent();
        return VerifySettings.builder()
                .prometheusUrl(request.prometheusUrl())
                .exporter(exporter)
                .expectedRules(ExpectedRules.fromBundle(request.bundle()))
                .alertmanagerUrl(request.alertmanagerUrl().orElse(null))
                .requireAlertmanager(amAsked)
                .resolver(request.resolver())
                .setup(request.setup())
                .serviceJob(ServiceJobToCheck.of(request.setup(), request.bundle()).orElse(null))
                .archiveJob(ServiceJobToCheck.of(ServiceJob.ARCHIVE, request.setup(), request.bundle()).orElse(null))
                .build();
    }

    private RollbackRequest rollbackRequest(ManifestStore store) {
        return RollbackRequest.builder()
                .prometheusConfig(request.prometheusConfig())
                .prometheusUrl(request.prometheusUrl())
                .alertmanagerUrl(request.alertmanagerUrl().orElse(null))
                .backupDir(store.dir())
                .promtool(request.promtool())
                .amtool(request.amtool())
                .verifyTimeout(request.verifyTimeout())
                .clock(request.clock())
                .build();
    }

    private void write(List<PlannedFile> changed) {
        for (PlannedFile file : changed) {
            try {
                AtomicFiles.write(file.target(), file.after());
                events.on(new FileWritten(file.target(), file.after().length));
            } catch (IOException e) {
                throw new UncheckedIOException("writing " + file.target() + " failed (" + e.getMessage() + ")", e);
            }
        }
    }

    private static Map<Path, byte[]> contents(List<PlannedFile> files) {
        Map<Path, byte[]> map = new LinkedHashMap<>();
        files.forEach(f -> map.put(f.target(), f.after()));
        return map;
    }

    private static List<Path> targets(Planner.Plan plan, FileKind kind) {
        return plan.files().stream().filter(f -> f.kind() == kind).map(PlannedFile::target).toList();
    }
}
