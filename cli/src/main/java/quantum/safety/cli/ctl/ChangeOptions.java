package quantum.safety.cli.ctl;

import java.io.PrintWriter;
import java.util.Locale;

import picocli.CommandLine.Option;
import quantum.safety.cli.UsageException;
import quantum.safety.kernel.SafetyOperations;
import quantum.safety.kernel.Text;

/** Who changes the safety state and why, and whether to skip the confirmation: shared by every changing command. */
final class ChangeOptions {

    @Option(names = "--actor", paramLabel = "NAME", defaultValue = "${env:QUANTUM_SAFETY_ACTOR}",
            description = {"Who makes the change, recorded in the audit event. Required.",
                    "Env: QUANTUM_SAFETY_ACTOR. Example: --actor \"$USER\""})
    String actor;

    @Option(names = "--reason", paramLabel = "TEXT",
            description = {"Why, one line, recorded in the audit event. Required.",
                    "Example: --reason \"fault spike on BTCUSDT, investigating (INC-42)\""})
    String reason;

    @Option(names = {"-y", "--yes"}, defaultValue = "${env:QUANTUM_SAFETY_ASSUME_YES:-false}",
            description = {"Do not ask for confirmation. Needed when there is no terminal (scripts, cron).",
                    "Env: QUANTUM_SAFETY_ASSUME_YES. Example: --yes"})
    boolean yes;

    /**
     * Refuses (exit 2) before anything is read or written when actor or reason is missing, or is text the kernel
     * would refuse (too long, control or bidirectional override characters).
     */
    void requireActorAndReason() {
        if (actor == null || actor.isBlank()) {
            throw new UsageException("--actor is missing; every safety change records who made it, e.g. --actor \"$USER\"");
        }
        if (reason == null || reason.isBlank()) {
            throw new UsageException("--reason is missing; every safety change records why, e.g. --reason \"INC-42\"");
        }
        requirePlain("--actor", actor, SafetyOperations.MAX_ACTOR_LENGTH);
        requirePlain("--reason", reason, SafetyOperations.MAX_REASON_LENGTH);
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
            throw new UsageException("no terminal to confirm on; nothing was changed. Re-run with --yes "
                    + "(env QUANTUM_SAFETY_ASSUME_YES=true) to change it without asking");
        }
        out.flush();
        String answer = console.readLine("%s [y/N] ", question);
        return answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
    }
}
