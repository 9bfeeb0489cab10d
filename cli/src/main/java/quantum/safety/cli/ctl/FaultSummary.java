package quantum.safety.cli.ctl;

import java.time.Instant;
import java.util.Optional;

import quantum.safety.exporter.status.StatusFormat;

/**
 * What {@code ctl faults} says after the list: the summary line (stdout, table only) and, when the answer is not the
 * whole range, a note or an error for stderr, so neither a trimmed stream nor a failed archive reads as "no faults".
 *
 * @param archiveSetting how an operator configures the archive, e.g. {@code --archive.url (env …)}
 */
record FaultSummary(FaultRange range, int limit, boolean archiveConfigured, String archiveSetting) {

    String line(FaultHistory.Result result) {
        int n = result.faults().size();
        String what = n + " fault" + (n == 1 ? "" : "s") + " " + range.describe();
        if (n >= limit) {
            what += " (the newest " + limit + "; raise --limit for more)";
        }
        long archived = result.fromArchive();
        if (archived > 0) {
            what += "; " + archived + " from the audit archive, older than the stream's oldest entry ("
                    + time(result.streamBegins().orElse(range.until())) + ")";
        }
        if (!result.stream().complete()) {
            what += "; stopped after scanning " + result.stream().scanned() + " entries: narrow --since";
        }
        return what + ".";
    }

    /** Empty when the list is the whole answer for the range. */
    Optional<String> note(FaultHistory.Result result) {
        if (result.archiveError().isPresent()) {
            return Optional.of("error: the audit archive could not be read: " + result.archiveError().get() + ". The "
                    + "list holds only what the Redis stream still holds" + result.streamBegins()
                    .map(t -> ", from " + time(t)).orElse("") + ", not the range's older part from "
                    + time(range.since()) + ". Check the archive and run again.");
        }
        boolean olderMissing = result.streamBegins().isPresent() && !result.archiveAsked()
                && result.faults().size() < limit && result.stream().complete();
        if (olderMissing && !archiveConfigured) {
            return Optional.of("note: the fault stream only reaches back to " + time(result.streamBegins().get())
                    + " (older events were trimmed), the range starts at " + time(range.since()) + "; to read older "
                    + "faults, configure the audit archive: " + archiveSetting + ".");
        }
        return Optional.empty();
    }

    private static String time(long millis) {
        return StatusFormat.time(Instant.ofEpochMilli(millis));
    }
}
