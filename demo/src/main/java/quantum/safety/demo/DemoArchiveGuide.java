package quantum.safety.demo;

import java.util.List;

/** The guide's lines about the audit archive: where it writes, its audit trail page, and ctl reading it. */
final class DemoArchiveGuide {

    private DemoArchiveGuide() {
    }

    static List<String> lines(DemoRun run) {
        if (run.archive().isEmpty()) {
            return List.of("  Archive   " + run.archiveOff());
        }
        DemoArchive archive = run.archive().get();
        return List.of(
                "  Archive   " + archive.describe(),
                "            " + archive.auditUrl() + "   the audit trail page (archived audit events; "
                        + "&stream=fault for trips)",
                "            ./quantum-safety ctl faults --since 1h --redis.addr=" + run.redis().address() + " "
                        + archive.ctlFlags() + "   (reads the archive for what the stream has trimmed)");
    }
}
