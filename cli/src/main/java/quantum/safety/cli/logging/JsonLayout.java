package quantum.safety.cli.logging;

import java.time.Instant;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.LayoutBase;

/** One JSON object per line: {@code {"ts":…,"level":…,"logger":…,"msg":…, key: value…}}. */
public final class JsonLayout extends LayoutBase<ILoggingEvent> {

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder sb = new StringBuilder(200).append('{');
        field(sb, "ts", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        sb.append(',');
        field(sb, "level", event.getLevel().toString().toLowerCase(java.util.Locale.ROOT));
        sb.append(',');
        field(sb, "logger", LogfmtLayout.shortName(event.getLoggerName()));
        sb.append(',');
        field(sb, "msg", event.getFormattedMessage());
        if (event.getKeyValuePairs() != null) {
            event.getKeyValuePairs().forEach(kv -> {
                sb.append(',');
                field(sb, kv.key, String.valueOf(kv.value));
            });
        }
        IThrowableProxy t = event.getThrowableProxy();
        if (t != null) {
            sb.append(',');
            field(sb, "err", t.getClassName() + ": " + t.getMessage());
        }
        return sb.append("}\n").toString();
    }

    private static void field(StringBuilder sb, String key, String value) {
        string(sb, key);
        sb.append(':');
        string(sb, value);
    }

    private static void string(StringBuilder sb, String value) {
        sb.append('"');
        for (char c : (value == null ? "" : value).toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
