package quantum.safety.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of one process over a measurement, from {@code /proc}: user + system time from
 * {@code /proc/PID/stat} (clock ticks of 10 ms, so the figure per request is only as fine as 10 ms ÷ requests), and
 * {@code RssAnon} (heap, stacks, malloc: what the process itself allocated) and {@code RssFile} (mapped binaries and
 * libraries, shared with the page cache) from {@code /proc/PID/status}, at the end and at their peak over the samples.
 */
final class ProcessSample {

    /** Clock ticks per second of {@code /proc/PID/stat} (USER_HZ, 100 on Linux). */
    static final int TICKS_PER_SECOND = 100;

    /** Resident memory in KiB: anonymous and file-backed pages. */
    record Memory(long anonKb, long fileKb) {

        static final Memory NONE = new Memory(0, 0);

        Memory max(Memory other) {
            return new Memory(Math.max(anonKb, other.anonKb), Math.max(fileKb, other.fileKb));
        }

        String mib() {
            return String.format("%.1f / %.1f", anonKb / 1024.0, fileKb / 1024.0);
        }
    }

    private final long pid;
    private final long ticksAtStart;
    private Memory last = Memory.NONE;
    private Memory peak = Memory.NONE;

    private ProcessSample(long pid) {
        this.pid = pid;
        this.ticksAtStart = cpuTicks(pid);
        sample();
    }

    /** Starts watching {@code pid}: its CPU time from now on, its memory at each {@link #sample()}. */
    static ProcessSample start(long pid) {
        return new ProcessSample(pid);
    }

    /** Reads the memory now, keeping it as the last figure and raising the peaks. */
    void sample() {
        last = memory(pid);
        peak = peak.max(last);
    }

    /** CPU milliseconds since the start, divided by {@code requests}. */
    double cpuMsPer(int requests) {
        return (cpuTicks(pid) - ticksAtStart) * (1000.0 / TICKS_PER_SECOND) / requests;
    }

    Memory last() {
        return last;
    }

    /** The highest anonymous and the highest file-backed figure, each over the samples (not necessarily together). */
    Memory peak() {
        return peak;
    }

    /** utime + stime of a process, in clock ticks. */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name in parentheses may hold spaces: count fields after its closing one
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            throw new UncheckedIOException("process " + pid + " is gone: its CPU time cannot be read", e);
        }
    }

    static Memory memory(long pid) {
        long anon = 0;
        long file = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("RssAnon:")) {
                    anon = kb(line);
                } else if (line.startsWith("RssFile:")) {
                    file = kb(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("process " + pid + " is gone: its memory cannot be read", e);
        }
        return new Memory(anon, file);
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("\\D", ""));
    }
}
