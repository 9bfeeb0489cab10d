package quantum.safety.cli.ctl;

import java.io.PrintWriter;
import java.util.Locale;

import picocli.CommandLine.Option;
import quantum.safety.cli.UsageException;
import quantum.safety.cli.settings.SettingsFrom;
import quantum.safety.kernel.SafetyOperations;
import quantum.safety.kernel.Text;

/**
 * Who changes the safety state and why, and whether to skip the confirmation: shared by every changing command, and
 * declared in {@link CtlSetting}.
 */
@SettingsFrom(CtlSetting.class)
final class ChangeOptions {

    @Option(names = "--actor", paramLabel = "NAME")
    String actor;

    @Option(names = "--reason", paramLabel = "TEXT")
    String reason;

    @Option(names = {"-y", "--yes"})
    boolean yes;

    /** Who makes the change: {@code --actor} (or its env), else the login name; empty when neither is known. */
    String actor() {
        return actor != null && !actor.isBlank() ? actor.strip() : LoginName.current().orElse("");
    }

    /**
     * Refuses (exit 2) before anything is read or written when actor or reason is missing, or is text the kernel
     * would refuse (too long, control or bidirectional override characters).
     */
    void requireActorAndReason() {
        if (actor().isEmpty()) {
            throw new UsageException(CtlSetting.ACTOR.flag() + " is missing and the login name is unknown (no user "
                    + "name, USER or LOGNAME); every safety change records who made it: give " + CtlSetting.ACTOR.flag()
                    + " alice (or env " + CtlSetting.ACTOR.env() + "=alice)");
        }
        if (reason == null || reason.isBlank()) {
            throw new UsageException(CtlSetting.REASON.flag() + " is missing; every safety change records why, e.g. "
                    + CtlSetting.REASON.flag() + " \"INC-42\"");
        }
        requirePlain(CtlSetting.ACTOR.flag(), actor(), SafetyOperations.MAX_ACTOR_LENGTH);
        requirePlain(CtlSetting.REASON.flag(), reason, SafetyOperations.MAX_REASON_LENGTH);
    }

    /** The kernel's rule for text in audit events ({@link Text}), as the operations apply it to the stripped value. */
    private static void requirePlain(String flag, String value, int maxLength) {
        try {
            Text.requirePlain(flag, value.strip(), maxLength);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /**
     * Asks on the terminal; without one and without --yes the change is refused (exit 2) so a script never hangs.
     *
     * @return whether the operator said yes
     */
    boolean confirm(String question, PrintWriter out) {
        if (yes) {
            return true;
        }
        java.io.Console console = System.console();
        if (console == null) {
            throw new UsageException("no terminal to confirm on; nothing was changed. Re-run with "
                    + CtlSetting.ASSUME_YES.flag() + " (env " + CtlSetting.ASSUME_YES.env()
                    + "=true) to change it without asking");
        }
        out.flush();
        String answer = console.readLine("%s [y/N] ", question);
        return answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
    }
}
