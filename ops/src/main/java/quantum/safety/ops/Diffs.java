package quantum.safety.ops;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

/** Unified diffs of a file from one content to another, as {@code diff -u} would print them. */
final class Diffs {

    private Diffs() {
    }

    /** The diff of {@code file} from {@code before} to {@code after}; an empty side (no such file) is /dev/null. */
    static String unified(Path file, Optional<byte[]> before, Optional<byte[]> after) {
        List<String> from = lines(before);
        List<String> to = lines(after);
        Patch<String> patch = DiffUtils.diff(from, to);
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff(before.isEmpty() ? "/dev/null" : file.toString(),
                after.isEmpty() ? "/dev/null" : file.toString(), from, patch, 3);
        return String.join("\n", lines) + (lines.isEmpty() ? "" : "\n");
    }

    private static List<String> lines(Optional<byte[]> content) {
        return content.map(c -> new String(c, StandardCharsets.UTF_8).lines().toList()).orElse(List.of());
    }
}
