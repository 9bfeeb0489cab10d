package quantum.safety.ops;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import quantum.safety.ops.plan.FileKind;
import quantum.safety.ops.plan.FileStep;

/**
 * One file install would write: its bytes now (empty when it does not exist) and after, plus what the change is,
 * in words. Files are written in {@link FileKind} order, prometheus.yml last, so the config never names a rule file
 * that is not there yet.
 */
public record PlannedFile(FileKind kind, Path target, Optional<byte[]> before, byte[] after, List<String> changes) {

    public PlannedFile {
        changes = List.copyOf(changes);
    }

    public boolean changed() {
        return before.isEmpty() || !Arrays.equals(before.get(), after);
    }

    public boolean creates() {
        return before.isEmpty();
    }

    /** This file as a step of the plan: the action and the diff, without the bytes. */
    public FileStep step() {
        FileStep.Action action = !changed() ? FileStep.Action.KEEP
                : creates() ? FileStep.Action.CREATE : FileStep.Action.MODIFY;
        String diff = changed() ? Diffs.unified(target, before, Optional.of(after)) : "";
        return new FileStep(kind, target, action, null, changes, diff);
    }
}
