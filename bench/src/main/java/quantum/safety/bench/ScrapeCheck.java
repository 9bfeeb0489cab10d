package quantum.safety.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Before a target is timed, one plain-text scrape of it shows that it reads what it is meant to read: a figure of an
 * exporter that missed the data would compare nothing. Each check returns one line for the report, starting with
 * {@code WARNING} when the data is not what was seeded.
 */
final class ScrapeCheck {

    private static final Pattern TOP1 =
            Pattern.compile("(?m)^quantum_safety_rate_symbol_top\\{rank=\"1\",symbol=\"([^\"]+)\"} (\\S+)$");
    private static final Pattern TRUNCATED = Pattern.compile("(?m)^quantum_safety_rate_symbol_scan_truncated (\\S+)$");
    private static final Pattern REDIS_UP = Pattern.compile("(?m)^redis_up (\\S+)$");
    private static final Pattern COUNTER_VALUE =
            Pattern.compile("(?m)^redis_key_value\\{[^}]*key=\"[^\"]*:rate:symbol:");
    private static final Pattern STREAM_LENGTH = Pattern.compile("(?m)^redis_stream_length\\{");

    private ScrapeCheck() {
    }

    /** Ours: the busiest symbol at rank 1 (the seed gives symbol i the count i+1), and whether a scan was cut short. */
    static String quantumSafety(URL metrics, int symbols) throws IOException {
        String text = fetch(metrics);
        Matcher top = TOP1.matcher(text);
        String expected = "SYM" + (symbols - 1);
        String found = top.find() ? top.group(1) + " (" + top.group(2) + ")" : "none";
        Matcher truncated = TRUNCATED.matcher(text);
        String scan = truncated.find() ? truncated.group(1) : "absent";
        boolean ok = found.startsWith(expected + " ") && !scan.equals("absent") && Double.parseDouble(scan) == 0;
        return (ok ? "" : "WARNING: ") + "quantum-safety exporter: rank 1 " + found + ", expected " + expected
                + "; scan truncated " + scan;
    }

    /** redis_exporter: that it reached Redis, and how many per-symbol counters and streams it reports. */
    static String redisExporter(URL metrics, int symbols) throws IOException {
        String text = fetch(metrics);
        Matcher up = REDIS_UP.matcher(text);
        String redisUp = up.find() ? up.group(1) : "absent";
        long counters = COUNTER_VALUE.matcher(text).results().count();
        long streams = STREAM_LENGTH.matcher(text).results().count();
        boolean ok = "1".equals(redisUp) && counters == symbols && streams == 2;
        return (ok ? "" : "WARNING: ") + "redis_exporter: redis_up " + redisUp + ", " + counters + " of " + symbols
                + " per-symbol counters, " + streams + " of 2 streams, " + text.length() / 1024 + " KiB of text";
    }

    /** True when {@code url} answers 200; a refused connection (still starting) counts as not yet. */
    static boolean answers(URL url) throws IOException {
        HttpURLConnection conn = (HttpURLConnection) url.openConnection();
        try (InputStream in = conn.getResponseCode() == 200 ? conn.getInputStream() : conn.getErrorStream()) {
            if (in != null) {
                in.readAllBytes();
            }
            return conn.getResponseCode() == 200;
        }
    }

    private static String fetch(URL metrics) throws IOException {
        HttpURLConnection conn = (HttpURLConnection) metrics.openConnection();
        conn.setRequestProperty("Accept", "text/plain;version=0.0.4");
        try (InputStream in = conn.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
