package quantum.safety.cli.ops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import quantum.safety.ops.backup.FileAction;
import quantum.safety.ops.backup.FileChange;
import quantum.safety.ops.backup.Manifest;
import quantum.safety.ops.event.OpsEvent.BackupsListed;
import quantum.safety.ops.event.OpsEvent.BackupsPruned;
import quantum.safety.ops.plan.FileKind;
import quantum.safety.ops.plan.FileStep;
import quantum.safety.ops.plan.InstallPlan;
import quantum.safety.ops.plan.RollbackPlan;
import quantum.safety.ops.verify.CheckResult;

/** The multi-line parts of the text output: plans, check results, the backups listing. */
final class HumanText {

    private HumanText() {
    }

    /**
     * Each file with what happens to it; prometheus.yml also with its changes in words, being the one edited in place,
     * and, even when it stays as it is, with what install left alone and why.
     */
    static List<String> installPlan(InstallPlan plan) {
        List<String> lines = new ArrayList<>(List.of("plan:"));
        for (FileStep file : plan.files()) {
            String verb = switch (file.action()) {
                case CREATE -> "create ";
                case MODIFY -> "modify ";
                default -> "keep   ";
            };
            lines.add("  " + verb + " " + file.path() + (file.touches() ? "" : " (already as in the bundle)"));
            if (file.kind() == FileKind.PROMETHEUS_CONFIG) {
                file.changes().forEach(c -> lines.add("            " + c));
            }
        }
        return lines;
    }

    static List<String> rollbackPlan(RollbackPlan plan) {
        List<String> lines = new ArrayList<>(List.of("plan:"));
        plan.files().forEach(f -> lines.add((f.action() == FileStep.Action.DELETE ? "  delete  " : "  restore ") + f.path()));
        return lines;
    }

    /** A check as {@code PASSED  name} with its evidence and fix indented below. */
    static String check(CheckResult result) {
        return "  " + result.toText().replace("\n", "\n  ");
    }

    static List<String> backups(BackupsListed listing) {
        List<String> lines = new ArrayList<>();
        lines.add("installs recorded in " + listing.manifestDir() + ":");
        if (listing.installs().isEmpty()) {
            lines.add("  (none)");
        }
        for (Manifest m : listing.installs()) {
            lines.add("  " + m.id() + "  tag " + m.tag() + "  " + m.createdAt() + "  "
                    + (m.active() ? "ACTIVE" : "rolled back " + m.rolledBackAt()));
            for (FileChange f : m.files()) {
                lines.add("      " + (f.action() == FileAction.CREATED ? "created  " : "modified ") + f.path()
                        + (f.backup() == null ? "" : "  (backup " + Path.of(f.backup()).getFileName() + ")"));
            }
        }
        Path config = listing.prometheusConfig();
        lines.add("backup files next to " + config.getFileName() + ":");
        if (listing.backupFiles().isEmpty()) {
            lines.add("  (none)");
        }
        for (BackupsListed.BackupFile backup : listing.backupFiles()) {
            lines.add("  " + backup.path() + (backup.modified() == null ? ""
                    : "  (" + backup.bytes() + " bytes, " + backup.modified() + ")"));
        }
        if (!listing.rollbackCommands().isEmpty()) {
            lines.add("to roll back, run one of (each undoes what it says):");
        }
        for (BackupsListed.RollbackCommand command : listing.rollbackCommands()) {
            lines.add("  # " + command.undoes());
            lines.add("  " + command.command());
        }
        return lines;
    }

    static List<String> pruned(BackupsPruned pruned) {
        List<String> lines = new ArrayList<>();
        String verb = pruned.dryRun() ? "would remove" : "removed";
        lines.add("prune:   keep the newest " + pruned.kept() + " install(s); " + verb + " " + pruned.removed().size()
                + (pruned.dryRun() ? " (dry run: nothing removed)" : ""));
        for (BackupsPruned.Pruned install : pruned.removed()) {
            lines.add("  " + install.installId() + (install.active()
                    ? " (ACTIVE: it can no longer be rolled back)" : " (rolled back)"));
            install.files().forEach(f -> lines.add("      " + verb + " " + f));
        }
        return lines;
    }
}
