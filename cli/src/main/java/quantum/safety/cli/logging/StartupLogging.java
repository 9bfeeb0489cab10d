package quantum.safety.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;
import quantum.safety.cli.Logging;

/**
 * Logback's configuration until a command applies {@code --log.level} and {@code --log.format}: warnings and errors
 * to stderr in logfmt. Set up in code (found through {@code META-INF/services}) rather than from a logback.xml, so that
 * no XML parser is loaded: a few hundred classes and megabytes less in a long-running exporter.
 */
public final class StartupLogging extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        Logging.install(context, Level.WARN, new LogfmtLayout());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
