package quantum.safety.ops.event;

import java.nio.file.Path;
import java.util.List;

import quantum.safety.ops.backup.Manifest;
import quantum.safety.ops.plan.InstallPlan;
import quantum.safety.ops.plan.RollbackPlan;
import quantum.safety.ops.plan.Service;
import quantum.safety.ops.verify.CheckResult;
import quantum.safety.ops.verify.Section;

/**
 * Something an ops command did, named after what happened. Events hold plain values (paths, strings, numbers, enums
 * and the plan records), never file contents, so every renderer can show all of them.
 */
public sealed interface OpsEvent {

    /** Calls the {@code visitor} method made for this event. */
    void accept(Visitor visitor);

    /**
     * One method per event. Java 17 has no exhaustive switch over a sealed type, so this is what makes a renderer
     * fail to compile, instead of silently dropping it, when an event is added.
     */
    interface Visitor {
        void on(InstallStarted e);
        void on(InstallPlanned e);
        void on(NothingToChange e);
        void on(DryRunEnded e);
        void on(RollbackChosen e);
        void on(AutomaticRollbackStarted e);
        void on(RollbackPlanned e);
        void on(RolledBack e);
        void on(ValidationStarted e);
        void on(FileValidated e);
        void on(ValidationSkipped e);
        void on(ValidationFailed e);
        void on(DirectoryCreated e);
        void on(BackupWritten e);
        void on(ManifestWritten e);
        void on(FileWritten e);
        void on(FileRestored e);
        void on(FileDeleted e);
        void on(DirectoryDeleted e);
        void on(ReloadRequested e);
        void on(Reloaded e);
        void on(ReloadFailed e);
        void on(ReloadLeftToOperator e);
        void on(VerificationStarted e);
        void on(CheckPassed e);
        void on(CheckFailed e);
        void on(CheckWarned e);
        void on(CheckSkipped e);
        void on(VerificationFinished e);
        void on(BackupsListed e);
        void on(BackupsPruned e);
        void on(SetupRecalled e);
        void on(SetupNotFound e);
    }

    // ---- planning -------------------------------------------------------------------------------------------------

    /** Install began, with this bundle, for this prometheus.yml. */
    record InstallStarted(String bundle, Path prometheusConfig) implements OpsEvent {
        public void accept(Visitor v) { v.on(this); }
    }

    /** Install worked out what it will change; nothing has changed yet. */
    record InstallPlanned(InstallPlan plan) implements OpsEvent {
        public void accept(Visitor v) { v.on(this); }
    }

    /** Every file is already as the bundle has it: install writes nothing. */
    record NothingToChange(Path prometheusConfig) implements OpsEvent {
        public void accept(Visitor v) { v.on(this); }
    }

    /** A dry run stopped after validation; these files would have changed (the diffs are in the plan). */
    record DryRunEnded(List<Path> wouldChange) implements OpsEvent {
        public void accept(Visitor v) { v.on(this); }
    }

    /** Rollback chose these installs to undo, newest first, from the manifests in {@code manifestDir}. */
    record RollbackChosen(List<String> installIds, Path manifestDir) implements OpsEvent {
        public void accept(Visitor v) { v.on(this); }
    }

    /** Install failed after changing files and is undoing itself. */
    record AutomaticRollbackStarted(String installId, String reason) implements OpsEvent {
        public void accept(Visitor v) { v.on(this); }
    }

    /** Rollback worked out what it will restore and delete; nothing has changed yet. */
    record RollbackPlanned(RollbackPlan plan) implements OpsEvent {
        public void accept(Visitor v) { v.on(this); }
    }

    /** The files of these installs are back as they were, and their manifests say so (rolled back at {@code at}). */
    record RolledBack(List<String> installIds, String at) implements OpsEvent {
        public void accept(Visitor v) { v.on(this); }
    }

    // ---- validation -----------------------------------------------------------------------------------------------

    /** The validators (promtool, amtool) start on the candidate files. */
    record ValidationStarted() implements OpsEvent {
        public void accept(Visitor v) { v.on(this); }
    }

    /** A validator accepted a candidate: {@code command} as run, {@code subject} the live file(s) it stands for. */
    record FileValidated(String command, String subject) implements OpsEvent {
        public void accept(Visitor v) { v.on(this); }
    }

    /** A candidate was not validated, and why (e.g. amtool is not installed). */
    record ValidationSkipped(Path file, String reason) implements OpsEvent {
        public void accept(Visitor v) { v.on(this); }
    }

    /** A validator refused a candidate, with its output; nothing was changed and the command stops. */
    record ValidationFailed(String command, String subject, String output) implements OpsEvent {
        public void accept(Visitor v) { v.on(this); }
    }

    // ---- changes on disk ------------------------------------------------------------------------------------------

    /** A folder the change needs was created. */
    record DirectoryCreated(Path directory) implements OpsEvent {
        public void accept(Visitor v) { v.on(this); }
    }

    /** {@code file} was copied to {@code backup} before anything changed it. */
    record BackupWritten(Path file, Path backup, Reason reason) implements OpsEvent {
        /** Why the copy was made. */
        public enum Reason { BEFORE_INSTALL, EDITED_SINCE_INSTALL, BEFORE_RESTORE }

        public void accept(Visitor v) { v.on(this); }
    }

    /** The install's manifest (every file, backup and hash) is on disk, before the first live file changes. */
    record ManifestWritten(String installId, Path manifest) implements OpsEvent {
        public void accept(Visitor v) { v.on(this); }
    }

    /** A live file was written (temporary file, fsync, rename). */
    record FileWritten(Path file, int bytes) implements OpsEvent {
        public void accept(Visitor v) { v.on(this); }
    }

    /** A live file was put back from {@code from}, byte for byte. */
    record FileRestored(Path file, Path from, int bytes, String sha256) implements OpsEvent {
        public void accept(Visitor v) { v.on(this); }
    }

    /** A file the install had created was deleted. */
    record FileDeleted(Path file) implements OpsEvent {
        public void accept(Visitor v) { v.on(this); }
    }

    /** A folder the install had created was deleted, being empty. */
    record DirectoryDeleted(Path directory) implements OpsEvent {
        public void accept(Visitor v) { v.on(this); }
    }

    // ---- reloads --------------------------------------------------------------------------------------------------

    /** A reload request is about to be sent. */
    record ReloadRequested(Service service, String url) implements OpsEvent {
        public void accept(Visitor v) { v.on(this); }
    }

    /** The service re-read its config; {@code detail} is the request and the answer. */
    record Reloaded(Service service, String detail) implements OpsEvent {
        public void accept(Visitor v) { v.on(this); }
    }

    /** The service refused the new config (and kept the old one) or did not answer. */
    record ReloadFailed(Service service, Failure failure, String detail) implements OpsEvent {
        /** How it failed. */
        public enum Failure { REJECTED, UNREACHABLE }

        public void accept(Visitor v) { v.on(this); }
    }

    /**
     * No reload was sent; the operator runs {@code command}, then {@code then} (null when there is nothing more to
     * do). {@code detail}: what the service answered, when it was asked.
     */
    record ReloadLeftToOperator(Service service, Reason reason, String detail, String command, String then) implements OpsEvent {
        /** Why no reload was sent. */
        public enum Reason { NOT_ASKED, LIFECYCLE_API_OFF, NO_URL }

        public void accept(Visitor v) { v.on(this); }
    }

    // ---- verification ---------------------------------------------------------------------------------------------

    /**
     * Checks start: of the integration (against Prometheus, the exporter and, if given, Alertmanager), or of the
     * restored state after a rollback; retried for up to {@code waitSeconds}, only the last round is reported.
     */
    record VerificationStarted(Subject subject, String prometheusUrl, String exporter, String alertmanager,
                               long waitSeconds) implements OpsEvent {
        /** What is checked. */
        public enum Subject { INTEGRATION, RESTORED_FILES }

        public void accept(Visitor v) { v.on(this); }
    }

    /** A check passed, with its evidence. */
    record CheckPassed(Section section, String name, String evidence) implements OpsEvent {
        public void accept(Visitor v) { v.on(this); }
    }

    /** A check failed, with its evidence and the fix. */
    record CheckFailed(Section section, String name, String evidence, String fix) implements OpsEvent {
        public void accept(Visitor v) { v.on(this); }
    }

    /** A check found something untidy that does not break monitoring: its evidence and the fix. Never a failure. */
    record CheckWarned(Section section, String name, String evidence, String fix) implements OpsEvent {
        public void accept(Visitor v) { v.on(this); }
    }

    /** A check could not run, and why. */
    record CheckSkipped(Section section, String name, String reason) implements OpsEvent {
        public void accept(Visitor v) { v.on(this); }
    }

    /** The last round of checks, tallied; warnings do not fail it. */
    record VerificationFinished(int passed, int failed, int skipped, int warnings) implements OpsEvent {
        public void accept(Visitor v) { v.on(this); }
    }

    /** The event for one check result. */
    static OpsEvent checked(CheckResult r) {
        return switch (r.status()) {
            case PASSED -> new CheckPassed(r.section(), r.name(), r.evidence());
            case FAILED -> new CheckFailed(r.section(), r.name(), r.evidence(), r.fix());
            case WARNING -> new CheckWarned(r.section(), r.name(), r.evidence(), r.fix());
            case SKIPPED -> new CheckSkipped(r.section(), r.name(), r.evidence());
        };
    }

    // ---- listing --------------------------------------------------------------------------------------------------

    /**
     * What can be rolled back: the installs recorded in {@code manifestDir}, newest first, the backup files next
     * to {@code prometheusConfig}, legacy ones included, and the complete command that goes back to each.
     */
    record BackupsListed(Path manifestDir, List<Manifest> installs, Path prometheusConfig, List<BackupFile> backupFiles,
                         List<RollbackCommand> rollbackCommands) implements OpsEvent {
        /** One loose backup file; {@code bytes} -1 and {@code modified} null when it could not be read. */
        public record BackupFile(Path path, long bytes, String modified) {
        }

        /** What running {@code command} undoes, in words, and the command, complete and quoted for a shell. */
        public record RollbackCommand(String undoes, String command) {
        }

        public BackupsListed {
            installs = List.copyOf(installs);
            backupFiles = List.copyOf(backupFiles);
            rollbackCommands = List.copyOf(rollbackCommands);
        }

        public void accept(Visitor v) { v.on(this); }
    }

    /**
     * {@code ops backups --prune N}: all but the newest {@code kept} installs removed, each with its manifest and
     * backups; with {@code dryRun} only what would be.
     */
    record BackupsPruned(int kept, List<Pruned> removed, boolean dryRun) implements OpsEvent {
        /** One install pruned: whether it was still active (then it can no longer be rolled back), and its files. */
        public record Pruned(String installId, boolean active, List<Path> files) {
            public Pruned {
                files = List.copyOf(files);
            }
        }

        public BackupsPruned {
            removed = List.copyOf(removed);
        }

        public void accept(Visitor v) { v.on(this); }
    }

    /**
     * The addresses and files not given on the command line (or in the environment) come from this install's
     * manifest: the setup it used.
     */
    record SetupRecalled(String installId, Path manifest) implements OpsEvent {
        public void accept(Visitor v) { v.on(this); }
    }

    /**
     * No install is recorded where the manifests were looked for: the command runs on the flags, env and defaults
     * alone, which may not be the Prometheus or exporter the operator meant.
     */
    record SetupNotFound(Path manifestDir) implements OpsEvent {
        public void accept(Visitor v) { v.on(this); }
    }
}
