package quantum.safety.cli.ctl;

import static quantum.safety.exporter.status.StatusFormat.oneLine;

import java.time.Instant;

import quantum.safety.exporter.status.StatusFormat;
import quantum.safety.kernel.FaultEvent;

/** One fault per line, fixed columns, every value made safe for a terminal. */
final class FaultTable {

    static final String HEADER = String.format("%-21s %-22s %-14s %-5s %-9s %-9s %s",
            "TIME (UTC)", "REASON", "SYMBOL", "SIDE", "GLOBAL", "SYMBOL#", "ID");

    private FaultTable() {
    }

    static String row(FaultEvent e) {
        return String.format("%-21s %-22s %-14s %-5s %-9s %-9s %s",
                StatusFormat.time(Instant.ofEpochMilli((long) (e.epochSeconds() * 1000))),
                oneLine(e.reason(), 22), oneLine(e.symbol(), 14), oneLine(e.side(), 5),
                oneLine(e.field("global_count"), 4) + "/" + oneLine(e.field("global_max"), 4),
                oneLine(e.field("symbol_count"), 4) + "/" + oneLine(e.field("symbol_max"), 4),
                oneLine(e.id(), 30));
    }
}
