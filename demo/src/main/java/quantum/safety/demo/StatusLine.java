package quantum.safety.demo;

import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

/**
 * Prints the compact live line. On a terminal it rewrites one line in place (carriage return + erase line); into a
 * pipe or file it prints plain lines, one per tick, so logs and tests read them as text.
 */
final class StatusLine {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final String ERASE_LINE = "\r\u001b[2K";

    private final PrintWriter out;
    private final boolean inPlace;
    private boolean pending;

    StatusLine(PrintWriter out, boolean inPlace) {
        this.out = out;
        this.inPlace = inPlace;
    }

    synchronized void show(DemoStatus status) {
        show(status, "");
    }

    /** @param extra appended to the line, e.g. the archive's count */
    synchronized void show(DemoStatus status, String extra) {
        if (inPlace) {
            out.print(ERASE_LINE + format(status) + extra);
            pending = true;
        } else {
            out.println(format(status) + extra);
        }
        out.flush();
    }

    /** Ends an in-place line so that what follows starts on a fresh line. */
    synchronized void finish() {
        if (pending) {
            out.println();
            out.flush();
            pending = false;
        }
    }

    static String format(DemoStatus s) {
        StringBuilder line = new StringBuilder(LocalTime.now().format(CLOCK)).append("  ");
        if (s.safeMode().on()) {
            line.append("SAFE MODE ON (").append(s.ttlSeconds() >= 0 ? "ttl " + s.ttlSeconds() + "s" : "latched");
            if (!s.tripReason().isEmpty()) {
                line.append(", ").append(s.tripReason());
            }
            if (s.safeMode().unclear()) {
                line.append(", ").append(s.safeMode().describe());
            }
            line.append(')');
        } else {
            line.append("SAFE MODE off");
        }
        if (s.killSwitch().on()) {
            line.append("  KILL SWITCH ON");
            if (s.killSwitch().unclear()) {
                line.append(" (").append(s.killSwitch().describe()).append(')');
            }
        }
        line.append("  | decisions ").append(s.decisions().isEmpty() ? "none" : s.decisions().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
        line.append("  | faults ").append(s.faults());
        line.append("  | limits ").append(s.limits());
        line.append("  | top ").append(s.topSymbols().isEmpty() ? "(none counted this window)" : s.topSymbols().stream()
                .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(" ")));
        return line.toString();
    }
}
