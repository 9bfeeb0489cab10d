package quantum.safety.cli.logging;

import java.time.Instant;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.LayoutBase;

/** {@code ts=… level=info logger=… msg="…" key=value…}: the format Prometheus' own exporters log in. */
public final class LogfmtLayout extends LayoutBase<ILoggingEvent> {

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder sb = new StringBuilder(160);
        sb.append("ts=").append(Instant.ofEpochMilli(event.getTimeStamp()));
        sb.append(" level=").append(event.getLevel().toString().toLowerCase(java.util.Locale.ROOT));
        sb.append(" logger=").append(shortName(event.getLoggerName()));
        sb.append(" msg=").append(quote(event.getFormattedMessage()));
        if (event.getKeyValuePairs() != null) {
            event.getKeyValuePairs().forEach(kv -> sb.append(' ').append(kv.key).append('=').append(quote(String.valueOf(kv.value))));
        }
        IThrowableProxy t = event.getThrowableProxy();
        if (t != null) {
            sb.append(" err=").append(quote(t.getClassName() + ": " + t.getMessage()));
        }
        return sb.append('\n').toString();
    }

    static String shortName(String logger) {
        int dot = logger.lastIndexOf('.');
        return dot < 0 ? logger : logger.substring(dot + 1);
    }

    static String quote(String value) {
        if (value == null) {
            return "\"\"";
        }
        boolean plain = !value.isEmpty() && value.chars().allMatch(c -> c > ' ' && c != '"' && c != '=' && c != '\\' && c < 127);
        if (plain) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
