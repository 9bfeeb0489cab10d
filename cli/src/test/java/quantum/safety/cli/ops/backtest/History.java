package quantum.safety.cli.ops.backtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongToDoubleFunction;

/**
 * Past data for the backtest tests, written as OpenMetrics and turned into TSDB blocks by the real {@code promtool
 * tsdb create-blocks-from openmetrics}. Samples every 15 s at 5 s past each 15 s mark, so that no sample falls on an
 * evaluation (every 30 s on the half minute) or on the edge of a 5-minute window: each answer below is exact.
 */
final class History {

    static final String LABELS = "{job=\"quantum_safety_telemetry\",instance=\"127.0.0.1:9105\"}";
    static final long MIB = 1024 * 1024;

    private final Instant start;
    private final Duration length;
    private final StringBuilder text = new StringBuilder();

    History(Instant start, Duration length) {
        this.start = start;
        this.length = length;
    }

    /** One family: a sample every 15 s, its value a function of the seconds since {@link #start}. */
    History family(String name, String type, String series, LongToDoubleFunction valueAt) {
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        for (long s = 5; s < length.toSeconds(); s += 15) {
            text.append(series).append(LABELS).append(' ')
                    .append(String.format(Locale.ROOT, "%.1f", valueAt.applyAsDouble(s))).append(' ')
                    .append(start.getEpochSecond() + s).append('\n');
        }
        return this;
    }

    /** Writes the blocks into {@code tsdb} with promtool. */
    void writeBlocks(Path dir, Path tsdb) throws IOException, InterruptedException {
        Path input = Files.writeString(dir.resolve("history.om"), text + "# EOF\n", StandardCharsets.UTF_8);
        Files.createDirectories(tsdb);
        Process promtool = new ProcessBuilder("promtool", "tsdb", "create-blocks-from", "openmetrics",
                input.toString(), tsdb.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("promtool.log").toFile()).start();
        if (!promtool.waitFor(2, TimeUnit.MINUTES) || promtool.exitValue() != 0) {
            promtool.destroyForcibly();
            throw new IllegalStateException("promtool create-blocks-from failed: "
                    + Files.readString(dir.resolve("promtool.log")));
        }
    }
}
