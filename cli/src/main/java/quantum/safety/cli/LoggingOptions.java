package quantum.safety.cli;

import picocli.CommandLine.Option;

/**
 * {@code --log.level} and {@code --log.format}, shared by every long-running command. The logback configuration
 * ({@code logback.xml}) reads the two system properties set here.
 */
public final class LoggingOptions {

    @Option(names = "--log.level", paramLabel = "LEVEL", defaultValue = "${env:QUANTUM_SAFETY_LOG_LEVEL:-info}",
            description = "debug, info, warn or error. Env: QUANTUM_SAFETY_LOG_LEVEL. Default: ${DEFAULT-VALUE}.")
    String level;

    @Option(names = "--log.format", paramLabel = "FORMAT", defaultValue = "${env:QUANTUM_SAFETY_LOG_FORMAT:-logfmt}",
            description = "logfmt or json. Env: QUANTUM_SAFETY_LOG_FORMAT. Default: ${DEFAULT-VALUE}.")
    String format;

    /** Applies the options to logback; call first thing in a command's {@code call()}. */
    public void apply() {
        Logging.configure(level, format);
    }
}
