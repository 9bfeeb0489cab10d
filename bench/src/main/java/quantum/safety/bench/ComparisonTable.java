package quantum.safety.bench;

import java.util.ArrayList;
import java.util.List;

/** The comparison's one Markdown table: a row per mode, size and target, in the order they were measured. */
final class ComparisonTable {

    private static final String HEADER = "| mode | symbols | target | requests | p50 ms | p99 ms "
            + "| p99 ÷ `/-/healthy` p99 | CPU ms/request | RSS end MiB anon / file | RSS peak MiB anon / file "
            + "| Redis cmds/request | Redis CPU ms/request |\n|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    private final List<String> rows = new ArrayList<>();

    /** A measured target; {@code healthyP99Ms} is the floor its p99 is set against (NaN: no ratio for this row). */
    void add(SeededState state, int symbols, TargetFigures f, double healthyP99Ms) {
        rows.add(String.format("| %s | %,d | %s | %d | %.2f | %.2f | %s | %s | %s | %s | %.1f | %.3f |", state.label(),
                symbols, f.target(), f.requests(), f.p50Ms(), f.p99Ms(),
                Double.isNaN(healthyP99Ms) ? "" : String.format("%.2f×", f.p99Ms() / healthyP99Ms),
                Double.isNaN(f.cpuMsPerRequest()) ? "" : String.format("%.2f", f.cpuMsPerRequest()),
                f.memoryEnd() == null ? "" : f.memoryEnd().mib(), f.memoryPeak() == null ? "" : f.memoryPeak().mib(),
                f.redisCommands(), f.redisCpuMs()));
    }

    /** A target that could not be measured, and why. */
    void skipped(SeededState state, int symbols, String target, String why) {
        rows.add(String.format("| %s | %,d | %s: skipped, %s | | | | | | | | | |", state.label(), symbols, target,
                why));
    }

    String markdown() {
        return HEADER + "\n" + String.join("\n", rows);
    }
}
