package quantum.safety.cli.ops;

import java.io.PrintWriter;
import java.util.function.Function;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import quantum.safety.cli.settings.SettingsFrom;
import quantum.safety.ops.OpsResult;
import quantum.safety.ops.event.OpsListener;

/** How an ops command reports: text for people, or {@code --json} lines for scripts; declared in {@link OpsSetting}. */
@SettingsFrom(OpsSetting.class)
public final class OutputOptions {

    @Option(names = "--json")
    boolean json;

    /** Runs {@code body} with this command's output; returns its exit code, or lets its exception through. */
    int run(CommandSpec spec, Function<OpsListener, OpsResult> body) {
        PrintWriter out = spec.commandLine().getOut();
        OpsOutput output = json ? new JsonLinesOutput(out) : new HumanOutput(out);
        try {
            OpsResult result = body.apply(output);
            output.finished(result);
            return result.exitCode();
        } catch (RuntimeException e) {
            output.stopped(e);
            throw e;
        } finally {
            out.flush();
        }
    }

    /** Where a confirmation shows the change before asking: stdout, but stderr with --json, so stdout stays JSON. */
    PrintWriter promptOut(CommandSpec spec) {
        return json ? spec.commandLine().getErr() : spec.commandLine().getOut();
    }
}
