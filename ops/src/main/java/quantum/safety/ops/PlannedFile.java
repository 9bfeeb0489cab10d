package quantum.safety.ops;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One file install would write: its bytes now (empty when it does not exist) and after, plus what the change is,
 * in words. Kinds are written in {@link Kind} order, prometheus.yml last, so the config never names a rule file
 * that is not there yet.
 */
public record PlannedFile(Kind kind, Path target, Optional<byte[]> before, byte[] after, List<String> changes) {

    /** What the file is; the declaration order is the write order. */
    public enum Kind { RULES, DASHBOARD, DASHBOARD_PROVISIONING, ALERTMANAGER_CONFIG, PROMETHEUS_CONFIG }

    public PlannedFile {
        changes = List.copyOf(changes);
    }

    public boolean changed() {
        return before.isEmpty() || !Arrays.equals(before.get(), after);
    }

    public boolean creates() {
        return before.isEmpty();
    }

    public String afterText() {
        return new String(after, StandardCharsets.UTF_8);
    }

    public String beforeText() {
        return before.map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
    }
}
