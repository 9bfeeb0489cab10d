package quantum.safety.web.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;

/** The process family read from a {@code /proc/self} laid out in a folder, and from the real one. */
class ProcessCollectorTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00.500Z");

    @TempDir
    Path proc;

    private static String text(ProcessCollector collector) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PrometheusTextFormatWriter(false).write(out, collector.collect());
        return out.toString(StandardCharsets.UTF_8);
    }

    private void layOut() throws IOException {
        // A command name with spaces and a parenthesis: fields are counted after the last ')'.
        Files.writeString(proc.resolve("stat"), "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 9000 0 0 0 "
                + "1234 567 0 0 20 0 19 0 880000 2600000000 16000 18446744073709551615 1 1 0 0 0 0 0 2 16898 0 0 0 17 "
                + "1 0 0 0 0 0\n");
        Files.writeString(proc.resolve("status"), "Name:\tjava\nVmPeak:\t 2700000 kB\nVmSize:\t 2539000 kB\n"
                + "VmRSS:\t   61096 kB\nRssAnon:\t   41016 kB\n");
        Files.writeString(proc.resolve("limits"), "Limit                     Soft Limit           Hard Limit           Units\n"
                + "Max processes             95000                95000                processes\n"
                + "Max open files            32768                524288               files\n");
        Files.createDirectories(proc.resolve("fd"));
        for (int fd = 0; fd < 7; fd++) {
            Files.createFile(proc.resolve("fd").resolve(Integer.toString(fd)));
        }
    }

    @Test
    void readsTheStandardProcessFamilyFromProc() throws IOException {
        layOut();
        String text = text(new ProcessCollector(new ProcFiles(proc), START, true));
        assertThat(text)
                .contains("# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.")
                .contains("process_cpu_seconds_total 18.01\n")
                .contains("process_start_time_seconds 1.7961192005E9\n")
                .contains("process_open_fds 7.0\n")
                .contains("process_max_fds 32768.0\n")
                .contains("process_virtual_memory_bytes 2.599936E9\n")
                .contains("process_resident_memory_bytes 6.2562304E7\n")
                .contains("jvm_memory_used_bytes{area=\"heap\"} ")
                .contains("jvm_memory_committed_bytes{area=\"heap\"} ")
                .contains("jvm_memory_max_bytes{area=\"heap\"} ");
    }

    @Test
    void leavesOutWhatCannotBeReadRatherThanReportingZero() throws IOException {
        Files.writeString(proc.resolve("stat"), "garbage without a closing parenthesis");
        Files.writeString(proc.resolve("limits"), "Max open files            unlimited            unlimited            files\n");
        String text = text(new ProcessCollector(new ProcFiles(proc), START, false));
        assertThat(text).contains("process_start_time_seconds ")
                .doesNotContain("process_cpu_seconds_total")
                .doesNotContain("process_resident_memory_bytes")
                .doesNotContain("process_open_fds")
                .doesNotContain("process_max_fds")
                .doesNotContain("jvm_memory");
    }

    @Test
    void anUnknownStartTimeIsLeftOutNotMadeUp() throws IOException {
        layOut();
        assertThat(text(new ProcessCollector(new ProcFiles(proc), null, false)))
                .doesNotContain("process_start_time_seconds").contains("process_cpu_seconds_total 18.01\n");
    }

    @Test
    void theRealProcSelfGivesThisProcessFigures() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")),
                "needs Linux /proc");
        String text = text(new ProcessCollector(false));
        double rss = value(text, "process_resident_memory_bytes");
        double cpu = value(text, "process_cpu_seconds_total");
        double fds = value(text, "process_open_fds");
        assertThat(rss).isGreaterThan(1 << 20);
        assertThat(cpu).isPositive();
        assertThat(fds).isGreaterThanOrEqualTo(3);
        assertThat(value(text, "process_start_time_seconds") * 1000)
                .isLessThanOrEqualTo(System.currentTimeMillis());
    }

    private static double value(String text, String name) {
        return text.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(l.split(" ")[1]))
                .findFirst().orElseThrow(() -> new AssertionError(name + " missing in\n" + text));
    }
}
