package quantum.safety.ops.alertmanager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

import quantum.safety.ops.Http;
import quantum.safety.ops.verify.CheckResult;
import quantum.safety.ops.verify.Section;

/**
 * After a rollback changed Alertmanager's files and reloaded it: Alertmanager routes with the receivers of the
 * restored config file. When the install had created the file (so the rollback deleted it), Alertmanager must not
 * run the removed file's receivers any more. Receivers are compared as sets of names: they are what decides who is
 * told, and {@code config.original} is a re-rendering, never the file's bytes.
 */
public final class RestoredReceiversCheck {

    static final String NAME = "Alertmanager runs the restored receivers";

    private RestoredReceiversCheck() {
    }

    /** {@code removedReceivers}: those of the config the rollback deleted (ignored when the file is there). */
    public static CheckResult check(AlertmanagerApi api, Path config, List<String> removedReceivers) {
        List<String> running;
        try {
            running = api.runningReceivers();
        } catch (Http.UnreachableException e) {
            return CheckResult.failed(Section.ROLLBACK_READINESS, NAME, e.getMessage(),
                    "start Alertmanager (systemctl start prometheus-alertmanager); it reads " + config + " when it starts");
        }
        String runs = "Alertmanager at " + api.baseUrl() + " runs receivers " + running;
        if (!Files.isRegularFile(config)) {
            String evidence = config + " removed (the install created it); " + runs + ", the removed file had "
                    + removedReceivers;
            return removedReceivers.isEmpty() || !sameNames(running, removedReceivers)
                    ? CheckResult.passed(Section.ROLLBACK_READINESS, NAME, evidence)
                    : CheckResult.failed(Section.ROLLBACK_READINESS, NAME, evidence, "Alertmanager still runs the "
                    + "removed file's routing: point it at its own config and reload it (" + api.reloadCommand() + ")");
        }
        List<String> restored;
        try {
            restored = AlertmanagerApi.receivers(Files.readString(config));
        } catch (IOException e) {
            return CheckResult.failed(Section.ROLLBACK_READINESS, NAME, "cannot read " + config + ": " + e.getMessage(),
                    "check the file's permissions, then " + api.reloadCommand());
        }
        String evidence = runs + "; the restored " + config + " has " + restored;
        return sameNames(running, restored) ? CheckResult.passed(Section.ROLLBACK_READINESS, NAME, evidence)
                : CheckResult.failed(Section.ROLLBACK_READINESS, NAME, evidence, "reload Alertmanager ("
                + api.reloadCommand() + "); if it refuses, check the file with amtool check-config " + config);
    }

    private static boolean sameNames(List<String> a, List<String> b) {
        return new HashSet<>(a).equals(new HashSet<>(b));
    }
}
