package quantum.safety.kernel.log;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** Keeps what is logged to it, so a test reads the lines; DEBUG is on only when asked, like a configured logger. */
public final class RecordingLogger extends LegacyAbstractLogger {

    public record Line(Level level, String message, Throwable cause) {
    }

    public final List<Line> lines = new CopyOnWriteArrayList<>();
    private final boolean debug;

    public RecordingLogger(boolean debug) {
        this.name = "recording";
        this.debug = debug;
    }

    public List<String> messages() {
        return lines.stream().map(Line::message).toList();
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable cause) {
        lines.add(new Line(level, MessageFormatter.basicArrayFormat(pattern, arguments), cause));
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return debug;
    }

    @Override
    public boolean isInfoEnabled() {
        return true;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }
}
