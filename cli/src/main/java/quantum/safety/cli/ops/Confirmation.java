package quantum.safety.cli.ops;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

import quantum.safety.cli.UsageException;

/**
 * Asks before changing live files: shows the change and waits for "yes" on a terminal; {@code --yes} skips the
 * question. Without a terminal and without --yes nothing changes (exit 2), so a script never hangs on a prompt.
 */
final class Confirmation {

    private Confirmation() {
    }

    /** {@code show}: the plan as the operator should see it before answering. */
    static <P> Predicate<P> of(boolean yes, PrintWriter out, Function<P, String> show) {
        if (yes) {
            return plan -> true;
        }
        return plan -> {
            Console console = System.console();
            if (console == null) {
                throw new UsageException("no terminal to confirm the change on; nothing was changed. Review it with "
                        + OpsSetting.DRY_RUN.flag() + ", then re-run with " + OpsSetting.ASSUME_YES.flag() + " (env "
                        + OpsSetting.ASSUME_YES.env() + "=true)");
            }
            out.print(show.apply(plan));
            out.flush();
            String answer = console.readLine("Apply these changes? [y/N] ");
            return answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
        };
    }
}
