package quantum.safety.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The suite's measurements, one row per scenario, written after every record to the file named by the system
 * property {@code reliability.results} (Maven sets {@code reliability/target/reliability-results.md}). The file is
 * the whole of {@code docs/reliability.md}: the header and notes come from {@code reliability-header.md} and
 * {@code reliability-notes.md}, the table from the run. A scenario skipped in a run has no row.
 */
final class Results {

    /** One measured scenario; every figure is what this run saw, as text ready for the table. */
    record Row(String id, String scenario, String promise, String failedDecisions, String failedScrapes,
               String recovery, String dataLost, String result) {
    }

    private static final Map<String, Row> ROWS = new TreeMap<>(Results::compareIds);
    private static final Map<String, List<String>> FIGURES = new TreeMap<>(Results::compareIds);

    private Results() {
    }

    static synchronized void record(Row row) {
        ROWS.put(row.id(), row);
        write();
    }

    /** Extra figures printed under the table (e.g. load results), by scenario id. */
    static synchronized void figure(String id, String line) {
        FIGURES.computeIfAbsent(id, k -> new ArrayList<>()).add(line);
        write();
    }

    private static void write() {
        String target = System.getProperty("reliability.results");
        if (target == null) {
            return;
        }
        StringBuilder md = new StringBuilder(resource("reliability-header.md"));
        md.append("\n| # | scenario | what the system promises | decisions without Redis | failed scrapes | recovery | data lost | result |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (Row r : ROWS.values()) {
            md.append("| ").append(String.join(" | ", cell(r.id()), cell(r.scenario()), cell(r.promise()),
                    cell(r.failedDecisions()), cell(r.failedScrapes()), cell(r.recovery()), cell(r.dataLost()),
                    cell(r.result()))).append(" |\n");
        }
        if (!FIGURES.isEmpty()) {
            md.append("\n## Figures of this run\n\n");
            FIGURES.forEach((id, lines) -> lines.forEach(line -> md.append("- ").append(id).append(": ")
                    .append(line).append('\n')));
        }
        md.append('\n').append(resource("reliability-notes.md"));
        try {
            Path path = Path.of(target);
            Files.createDirectories(path.getParent());
            Files.writeString(path, md.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String resource(String name) {
        try (InputStream in = Results.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "1.10" after "1.9". */
    private static int compareIds(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    static String ms(long millis) {
        return millis + " ms";
    }
}
