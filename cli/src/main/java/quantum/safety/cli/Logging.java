package quantum.safety.cli;

import java.util.Locale;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import quantum.safety.cli.logging.JsonLayout;
import quantum.safety.cli.logging.LogfmtLayout;

/** Configures logback once, to stderr, in logfmt or JSON. */
public final class Logging {

    private Logging() {
    }

    public static void configure(String level, String format) {
        Level parsedLevel = switch (level == null ? "info" : level.toLowerCase(Locale.ROOT)) {
            case "debug" -> Level.DEBUG;
            case "info" -> Level.INFO;
            case "warn" -> Level.WARN;
            case "error" -> Level.ERROR;
            default -> throw new UsageException("--log.level='" + level + "' is not a level; use debug, info, warn or error");
        };
        LayoutBase<ILoggingEvent> layout = switch (format == null ? "logfmt" : format.toLowerCase(Locale.ROOT)) {
            case "logfmt" -> new LogfmtLayout();
            case "json" -> new JsonLayout();
            default -> throw new UsageException("--log.format='" + format + "' is not a format; use logfmt or json");
        };
        install((LoggerContext) LoggerFactory.getILoggerFactory(), parsedLevel, layout);
    }

    /** Replaces the context's configuration: one stderr appender with this layout, at this level. */
    public static void install(LoggerContext context, Level parsedLevel, LayoutBase<ILoggingEvent> layout) {
        context.reset();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(parsedLevel);
        root.addAppender(appender);
        // Jedis and the pool are chatty at debug; their failures reach us as exceptions anyway.
        context.getLogger("redis.clients").setLevel(parsedLevel == Level.DEBUG ? Level.INFO : Level.WARN);
    }
}
