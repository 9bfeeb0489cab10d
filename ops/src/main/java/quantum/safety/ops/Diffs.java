package quantum.safety.ops;

import java.util.List;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

/** Unified diffs of planned files, as {@code diff -u} would print them. */
final class Diffs {

    private Diffs() {
    }

    static String unified(PlannedFile file) {
        List<String> before = file.before().isPresent() ? file.beforeText().lines().toList() : List.of();
        List<String> after = file.afterText().lines().toList();
        Patch<String> patch = DiffUtils.diff(before, after);
        String from = file.creates() ? "/dev/null" : file.target().toString();
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff(from, file.target().toString(), before, patch, 3);
        return String.join("\n", lines) + (lines.isEmpty() ? "" : "\n");
    }
}
