package quantum.safety.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process's resident memory as it exports it itself ({@code process_resident_memory_bytes} on its {@code /metrics},
 * what the memory alerts read), sampled through the phases of a run and printed as one table: samples, min, max and
 * last MiB per phase, and the machine's load average as each phase ended.
 */
final class ResidentMemory {

    static final Duration PROMETHEUS_INTERVAL = Duration.ofSeconds(15);
    private static final Pattern RSS = Pattern.compile("(?m)^process_resident_memory_bytes (\\S+)$");
    private static final String ACCEPT = "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5";

    private ResidentMemory() {
    }

    /** The samples of one phase, in bytes. */
    static final class Phase {
        private final String name;
        private final List<Double> samples = new ArrayList<>();
        private String loadAverage = "";

        Phase(String name) {
            this.name = name;
        }

        /** Ends the phase: keeps the machine's load average now (the other work on it shares its cores). */
        Phase end() {
            try {
                String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
                loadAverage = fields[0] + " " + fields[1] + " " + fields[2];
            } catch (IOException e) {
                loadAverage = "unknown";
            }
            return this;
        }

        /** Scrapes {@code metrics} once and keeps what it says; returns the value (0 when it did not answer). */
        double sample(URL metrics) {
            double rss = scrape(metrics);
            samples.add(rss);
            return rss;
        }

        String row() {
            double min = samples.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            double max = samples.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            double last = samples.isEmpty() ? 0 : samples.get(samples.size() - 1);
            return String.format("%s | %d | %.1f | %.1f | %.1f | %s", name, samples.size(), mib(min), mib(max),
                    mib(last), loadAverage);
        }
    }

    /** A phase that puts the process under load, sampling its RSS meanwhile. */
    @FunctionalInterface
    interface Load {
        Phase run(URL metrics) throws Exception;
    }

    /** The phases of a run, sampled and printed as one table: ready, idle, {@code load}, idle again. */
    static void measure(URL metrics, Duration idle, Load load, Duration idleAfter) throws Exception {
        Phase ready = new Phase("ready");
        ready.sample(metrics);
        print(List.of(ready.end(),
                idle("idle, 1 scrape / 15 s, " + idle.toMinutes() + " min", metrics, idle),
                load.run(metrics),
                idle("idle again, " + idleAfter.toMinutes() + " min", metrics, idleAfter)));
    }

    /** The phase as Prometheus sees it when nothing else happens: one scrape every 15 s for {@code length}. */
    static Phase idle(String name, URL metrics, Duration length) throws InterruptedException {
        Phase phase = new Phase(name);
        long end = System.nanoTime() + length.toNanos();
        while (System.nanoTime() < end) {
            phase.sample(metrics);
            TimeUnit.MILLISECONDS.sleep(PROMETHEUS_INTERVAL.toMillis());
        }
        return phase.end();
    }

    private static void print(List<Phase> phases) {
        System.out.printf("%nphase | samples | RSS min MiB | RSS max MiB | RSS last MiB | load average at its end%n");
        phases.forEach(p -> System.out.println(p.row()));
    }

    /** One Prometheus-like scrape: the process's own process_resident_memory_bytes, or 0 when it does not answer. */
    static double scrape(URL metrics) {
        try {
            HttpURLConnection conn = (HttpURLConnection) metrics.openConnection();
            conn.setRequestProperty("Accept", ACCEPT);
            conn.setRequestProperty("X-Prometheus-Scrape-Timeout-Seconds", "10");
            try (InputStream in = conn.getInputStream()) {
                Matcher m = RSS.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                return m.find() ? Double.parseDouble(m.group(1)) : 0;
            }
        } catch (IOException e) {
            return 0;
        }
    }

    private static double mib(double bytes) {
        return bytes / (1024 * 1024);
    }
}
