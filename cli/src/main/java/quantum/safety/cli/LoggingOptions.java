package quantum.safety.cli;

import picocli.CommandLine.Option;
import quantum.safety.cli.settings.SettingsFrom;

/**
 * {@code --log.level} and {@code --log.format}, shared by every long-running command; defaults, env twins and help
 * come from {@link LoggingSetting}. The logback configuration ({@code logback.xml}) reads the two system properties
 * set here.
 */
@SettingsFrom(LoggingSetting.class)
public final class LoggingOptions {

    @Option(names = "--log.level", paramLabel = "LEVEL")
    String level;

    @Option(names = "--log.format", paramLabel = "FORMAT")
    String format;

    /** Applies the options to logback; call first thing in a command's {@code call()}. */
    public void apply() {
        Logging.configure(level, format);
    }
}
