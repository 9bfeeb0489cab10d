package quantum.safety.web.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * What Linux tells a process about itself under {@code /proc/self}. Each read is one small file; a value that cannot
 * be read (another OS, a hardened {@code /proc}) is empty, and its series is left out rather than reported as 0.
 */
final class ProcFiles {

    /**
     * {@code /proc/PID/stat} counts CPU time in USER_HZ ticks, which Linux fixes at 100 per second for user space on
     * every architecture, whatever the kernel's own HZ.
     */
    static final double TICKS_PER_SECOND = 100;

    private final Path root;

    ProcFiles(Path root) {
        this.root = root;
    }

    static ProcFiles self() {
        return new ProcFiles(Path.of("/proc/self"));
    }

    /** User plus system CPU time, from fields 14 and 15 of {@code stat}. */
    OptionalDouble cpuSeconds() {
        String stat = read("stat");
        if (stat == null) {
            return OptionalDouble.empty();
        }
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        try {
            return OptionalDouble.of((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND);
        } catch (RuntimeException e) {
            return OptionalDouble.empty();
        }
    }

    /** The {@code status} file, read once per scrape for all of its lines the collector needs; null if unreadable. */
    String status() {
        return read("status");
    }

    /** A line of {@code status} in kB (VmRSS, VmSize), in bytes. */
    static OptionalDouble statusBytes(String status, String field) {
        if (status == null) {
            return OptionalDouble.empty();
        }
        int at = status.indexOf(field + ':');
        if (at < 0) {
            return OptionalDouble.empty();
        }
        int end = status.indexOf('\n', at);
        String value = status.substring(at + field.length() + 1, end < 0 ? status.length() : end).trim();
        try {
            return OptionalDouble.of(Long.parseLong(value.split(" ")[0]) * 1024d);
        } catch (RuntimeException e) {
            return OptionalDouble.empty();
        }
    }

    /** Entries of {@code fd}: the open file descriptors (the one listing it included, as client_java counts). */
    OptionalDouble openFds() {
        String[] names = root.resolve("fd").toFile().list();
        return names == null ? OptionalDouble.empty() : OptionalDouble.of(names.length);
    }

    /** The soft limit of "Max open files" in {@code limits}. */
    OptionalDouble maxFds() {
        String limits = read("limits");
        if (limits == null) {
            return OptionalDouble.empty();
        }
        for (String line : limits.split("\n")) {
            if (line.startsWith("Max open files")) {
                String[] columns = line.substring("Max open files".length()).trim().split("\\s+");
                try {
                    return OptionalDouble.of(Double.parseDouble(columns[0]));
                } catch (RuntimeException e) {
                    return OptionalDouble.empty();
                }
            }
        }
        return OptionalDouble.empty();
    }

    private String read(String name) {
        try {
            return new String(Files.readAllBytes(root.resolve(name)), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
