package quantum.safety.cli.ops;

import picocli.CommandLine.Option;
import quantum.safety.cli.settings.SettingsFrom;

/** The validators: nothing goes live that they did not accept. Declared in {@link OpsSetting}. */
@SettingsFrom(OpsSetting.class)
public final class ToolOptions {

    @Option(names = "--promtool", paramLabel = "PATH")
    String promtool;

    @Option(names = "--amtool", paramLabel = "PATH")
    String amtool;

    public String promtool() {
        return promtool;
    }

    public String amtool() {
        return amtool;
    }
}
