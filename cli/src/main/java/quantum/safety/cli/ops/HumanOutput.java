package quantum.safety.cli.ops;

import java.io.PrintWriter;
import java.util.List;

import quantum.safety.ops.OpsResult;
import quantum.safety.ops.event.OpsEvent;
import quantum.safety.ops.event.OpsEvent.AutomaticRollbackStarted;
import quantum.safety.ops.event.OpsEvent.BackupWritten;
import quantum.safety.ops.event.OpsEvent.BackupsListed;
import quantum.safety.ops.event.OpsEvent.BackupsPruned;
import quantum.safety.ops.event.OpsEvent.CheckFailed;
import quantum.safety.ops.event.OpsEvent.CheckPassed;
import quantum.safety.ops.event.OpsEvent.CheckSkipped;
import quantum.safety.ops.event.OpsEvent.CheckWarned;
import quantum.safety.ops.event.OpsEvent.DirectoryCreated;
import quantum.safety.ops.event.OpsEvent.DirectoryDeleted;
import quantum.safety.ops.event.OpsEvent.DryRunEnded;
import quantum.safety.ops.event.OpsEvent.FileDeleted;
import quantum.safety.ops.event.OpsEvent.FileRestored;
import quantum.safety.ops.event.OpsEvent.FileValidated;
import quantum.safety.ops.event.OpsEvent.FileWritten;
import quantum.safety.ops.event.OpsEvent.InstallPlanned;
import quantum.safety.ops.event.OpsEvent.InstallStarted;
import quantum.safety.ops.event.OpsEvent.ManifestWritten;
import quantum.safety.ops.event.OpsEvent.NothingToChange;
import quantum.safety.ops.event.OpsEvent.ReloadFailed;
import quantum.safety.ops.event.OpsEvent.ReloadLeftToOperator;
import quantum.safety.ops.event.OpsEvent.ReloadRequested;
import quantum.safety.ops.event.OpsEvent.Reloaded;
import quantum.safety.ops.event.OpsEvent.RollbackChosen;
import quantum.safety.ops.event.OpsEvent.RollbackPlanned;
import quantum.safety.ops.event.OpsEvent.RolledBack;
import quantum.safety.ops.event.OpsEvent.SetupNotFound;
import quantum.safety.ops.event.OpsEvent.SetupRecalled;
import quantum.safety.ops.event.OpsEvent.ValidationFailed;
import quantum.safety.ops.event.OpsEvent.ValidationSkipped;
import quantum.safety.ops.event.OpsEvent.ValidationStarted;
import quantum.safety.ops.event.OpsEvent.VerificationFinished;
import quantum.safety.ops.event.OpsEvent.VerificationStarted;
import quantum.safety.ops.plan.InstallPlan;
import quantum.safety.ops.plan.Service;
import quantum.safety.ops.verify.CheckResult;

/**
 * The text an operator reads: one line per step, each starting with what kind of step it is ({@code backup:},
 * {@code write:}, {@code reload:}…), then the command's one-line summary.
 */
final class HumanOutput implements OpsOutput, OpsEvent.Visitor {

    private static final String INDENT = "         ";

    private final PrintWriter out;
    /** The plan shown last: a dry run ends with its diff. */
    private InstallPlan shown;

    HumanOutput(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void on(OpsEvent event) {
        event.accept(this);
    }

    @Override
    public void finished(OpsResult result) {
        out.println(result.summary());
    }

    /** Nothing: the error handler prints the one line the operator needs, on stderr. */
    @Override
    public void stopped(RuntimeException e) {
    }

    @Override
    public void on(InstallStarted e) { out.println("bundle:  " + e.bundle()); }

    @Override
    public void on(InstallPlanned e) {
        shown = e.plan();
        lines(HumanText.installPlan(e.plan()));
    }

    @Override
    public void on(NothingToChange e) {
        out.println("nothing to change: " + e.prometheusConfig() + " and the bundle files are already installed");
    }

    @Override
    public void on(DryRunEnded e) {
        if (shown != null) {
            out.print(shown.diff());
        }
    }

    @Override
    public void on(RollbackChosen e) {
        out.println("rollback: " + e.installIds() + " (newest first) from " + e.manifestDir());
    }

    @Override
    public void on(AutomaticRollbackStarted e) { out.println("rollback: " + e.reason() + "; undoing " + e.installId()); }

    @Override
    public void on(RollbackPlanned e) { lines(HumanText.rollbackPlan(e.plan())); }

    @Override
    public void on(RolledBack e) {
        out.println("manifest: " + String.join(", ", e.installIds()) + " marked rolled back at " + e.at());
    }

    @Override
    public void on(ValidationStarted e) { out.println("validate:"); }

    @Override
    public void on(FileValidated e) { out.println("  ok      " + withoutToolDir(e.command()) + "  (" + e.subject() + ")"); }

    @Override
    public void on(ValidationSkipped e) { out.println("  skip    " + e.reason() + ": the restored " + e.file() + " is not checked"); }

    /** The tool's own message comes on stderr, with the exit code, from the exception that follows. */
    @Override
    public void on(ValidationFailed e) {
        out.println("  FAILED  " + withoutToolDir(e.command()) + "  (" + e.subject() + ")");
    }

    @Override
    public void on(DirectoryCreated e) { out.println("mkdir:   " + e.directory()); }

    @Override
    public void on(BackupWritten e) {
        out.println("backup:  " + e.backup() + switch (e.reason()) {
            case BEFORE_INSTALL -> "";
            case EDITED_SINCE_INSTALL -> " (your edits since the install)";
            case BEFORE_RESTORE -> " (the file as it was before this rollback)";
        });
    }

    @Override
    public void on(ManifestWritten e) { out.println("manifest: " + e.manifest()); }

    @Override
    public void on(FileWritten e) { out.println("write:   " + e.file() + " (" + e.bytes() + " bytes, atomic rename)"); }

    @Override
    public void on(FileRestored e) {
        out.println("restore: " + e.file() + " from " + e.from().getFileName() + " (" + e.bytes() + " bytes, sha256 "
                + e.sha256().substring(0, 12) + ")");
    }

    @Override
    public void on(FileDeleted e) { out.println("delete:  " + e.file() + " (created by the install)"); }

    @Override
    public void on(DirectoryDeleted e) { out.println("delete:  " + e.directory() + "/ (created by the install, now empty)"); }

    /** Nothing yet: the answer comes on the next line, which names the request. */
    @Override
    public void on(ReloadRequested e) {
    }

    @Override
    public void on(Reloaded e) { out.println("reload:  " + e.detail()); }

    /** Prometheus failing to reload undoes the install (the next lines say so); Alertmanager is left to the operator. */
    @Override
    public void on(ReloadFailed e) {
        String what = e.failure() == ReloadFailed.Failure.REJECTED ? " rejected the config and kept the old one: "
                : " did not answer: ";
        out.println("reload:  " + name(e.service()) + what + e.detail()
                + (e.service() == Service.ALERTMANAGER ? "; reload it yourself" : ""));
    }

    @Override
    public void on(ReloadLeftToOperator e) {
        switch (e.reason()) {
            case NOT_ASKED -> {
                out.println("reload:  skipped (--no-reload); reload " + name(e.service()) + " yourself:  " + e.command());
                then(e.then());
            }
            case LIFECYCLE_API_OFF -> {
                out.println("reload:  the lifecycle API is off (" + e.detail() + ").");
                out.println(INDENT + "Reload " + name(e.service()) + " yourself:  " + e.command());
                then(e.then());
            }
            case NO_URL -> out.println("reload:  " + name(e.service()) + " config changed; reload it: " + e.command());
        }
    }

    @Override
    public void on(VerificationStarted e) {
        if (e.subject() == VerificationStarted.Subject.RESTORED_FILES) {
            out.println("verify:  " + (e.prometheusUrl() == null ? "Alertmanager runs"
                    : e.alertmanager() == null ? "Prometheus runs" : "Prometheus and Alertmanager run")
                    + " the restored files");
            return;
        }
        out.println("verify:  Prometheus " + e.prometheusUrl() + ", exporter " + e.exporter()
                + (e.alertmanager() == null ? "" : ", Alertmanager " + e.alertmanager())
                + (e.waitSeconds() > 0 ? " (waiting up to " + e.waitSeconds() + "s for Prometheus to scrape)" : ""));
    }

    @Override
    public void on(CheckPassed e) { out.println(HumanText.check(CheckResult.passed(e.section(), e.name(), e.evidence()))); }

    @Override
    public void on(CheckFailed e) {
        out.println(HumanText.check(CheckResult.failed(e.section(), e.name(), e.evidence(), e.fix())));
    }

    @Override
    public void on(CheckWarned e) {
        out.println(HumanText.check(CheckResult.warning(e.section(), e.name(), e.evidence(), e.fix())));
    }

    @Override
    public void on(CheckSkipped e) { out.println(HumanText.check(CheckResult.skipped(e.section(), e.name(), e.reason()))); }

    @Override
    public void on(VerificationFinished e) {
        out.println("  " + e.passed() + " passed, " + (e.warnings() == 0 ? ""
                : e.warnings() + (e.warnings() == 1 ? " warning, " : " warnings, ")) + e.failed() + " failed, "
                + e.skipped() + " skipped");
    }

    @Override
    public void on(BackupsListed e) { lines(HumanText.backups(e)); }

    @Override
    public void on(BackupsPruned e) { lines(HumanText.pruned(e)); }

    @Override
    public void on(SetupRecalled e) {
        out.println("setup:   addresses and files of " + e.installId() + " (" + e.manifest() + "); flags and env override them");
    }

    @Override
    public void on(SetupNotFound e) {
        out.println("setup:   no install recorded in " + e.manifestDir() + "; using the flags, env and defaults only "
                + "(--backup.dir or --prometheus.config finds an install's manifests elsewhere)");
    }

    /** What to do after reloading by hand, one step a line, each command at the end of its line. */
    private void then(String then) {
        if (then != null) {
            out.println(INDENT + "then " + then.replace("\n", "\n" + INDENT + "     "));
        }
    }

    private void lines(List<String> lines) {
        lines.forEach(out::println);
    }

    private static String name(Service service) {
        return service == Service.PROMETHEUS ? "Prometheus" : "Alertmanager";
    }

    /** {@code /usr/bin/promtool check rules …} reads as {@code promtool check rules …}. */
    private static String withoutToolDir(String command) {
        return command.replaceFirst("^\\S*/", "");
    }
}
