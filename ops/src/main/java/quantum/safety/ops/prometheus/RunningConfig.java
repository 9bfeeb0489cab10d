package quantum.safety.ops.prometheus;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Does a prometheus.yml say what a running Prometheus runs ({@code GET /api/v1/status/config})? Compared as parsed
 * YAML, so comments, quoting, order of keys and layout do not matter. Prometheus answers with its defaults filled in
 * ({@code scrape_timeout}, {@code metrics_path}…), durations in its own form ({@code 60s} as {@code 1m}), secrets
 * as {@code <secret>} and, in some versions, file paths made absolute; so every value the file sets must be there
 * (a key it sets to an empty or false value may be left out), lists must have the same length, and of what only
 * Prometheus shows, the sections that say what it scrapes, evaluates and sends must be empty.
 */
public final class RunningConfig {

    /** Sections whose presence in the running config alone means the file is not the one Prometheus runs. */
    private static final Set<String> SECTIONS = Set.of("scrape_configs", "scrape_config_files", "rule_files",
            "alerting", "remote_write", "remote_read");
    private static final Pattern DURATION = Pattern.compile(
            "(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final long[] MILLIS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000, 1};

    private RunningConfig() {
    }

    /** True when the text holds no YAML value at all: no bytes, blanks, or only comments. */
    public static boolean isEmpty(String text) {
        return load(text) == null;
    }

    /**
     * The first place where {@code fileText} and what Prometheus runs differ, in words ("scrape_configs[1].job_name:
     * the file says 'x', Prometheus runs 'y'"); empty when they agree. {@code configDir}: where relative paths of the
     * file point.
     */
    public static Optional<String> difference(String fileText, String runningYaml, Path configDir) {
        Object file = load(fileText);
        Object running = load(runningYaml);
        if (!(running instanceof Map<?, ?> runningMap)) {
            return Optional.of("Prometheus answered with no config");
        }
        if (!(file instanceof Map<?, ?> fileMap)) {
            return Optional.of("the file holds no YAML mapping");
        }
        Optional<String> difference = compare("", fileMap, runningMap, configDir);
        if (difference.isPresent()) {
            return difference;
        }
        for (Map.Entry<?, ?> entry : runningMap.entrySet()) {
            if (SECTIONS.contains(String.valueOf(entry.getKey())) && !fileMap.containsKey(entry.getKey())
                    && !blank(entry.getValue())) {
                return Optional.of(entry.getKey() + ": the file has none, Prometheus runs " + describe(entry.getValue()));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> compare(String at, Object file, Object running, Path configDir) {
        if (file instanceof Map<?, ?> fileMap) {
            if (!(running instanceof Map<?, ?> runningMap)) {
                return differs(at, file, running);
            }
            for (Map.Entry<?, ?> entry : fileMap.entrySet()) {
                String key = (at.isEmpty() ? "" : at + ".") + entry.getKey();
                if (!runningMap.containsKey(entry.getKey())) {
                    if (blank(entry.getValue())) {
                        continue;
                    }
                    return Optional.of(key + ": the file sets " + describe(entry.getValue()) + ", Prometheus runs none");
                }
                Optional<String> difference = compare(key, entry.getValue(), runningMap.get(entry.getKey()), configDir);
                if (difference.isPresent()) {
                    return difference;
                }
            }
            return Optional.empty();
        }
        if (file instanceof List<?> fileList) {
            if (!(running instanceof List<?> runningList) || runningList.size() != fileList.size()) {
                return differs(at, file, running);
            }
            for (int i = 0; i < fileList.size(); i++) {
                Optional<String> difference = compare(at + "[" + i + "]", fileList.get(i), runningList.get(i), configDir);
                if (difference.isPresent()) {
                    return difference;
                }
            }
            return Optional.empty();
        }
        return sameScalar(file, running, configDir) ? Optional.empty() : differs(at, file, running);
    }

    private static boolean sameScalar(Object file, Object running, Path configDir) {
        if (running instanceof Collection<?> || running instanceof Map<?, ?>) {
            return blank(file) && blank(running);
        }
        String f = file == null ? "" : String.valueOf(file);
        String r = running == null ? "" : String.valueOf(running);
        if (f.equals(r) || "<secret>".equals(r)) {
            return true;
        }
        if (file instanceof Number a && running instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        Long fileMillis = millis(f);
        if (fileMillis != null && fileMillis.equals(millis(r))) {
            return true;
        }
        return sameFile(f, r, configDir);
    }

    /**
     * A relative path of the file, as Prometheus shows it: joined to the config's folder as Prometheus was given it,
     * so absolute when started with an absolute {@code --config.file}, else still relative to its own working folder.
     */
    private static boolean sameFile(String file, String running, Path configDir) {
        if (file.isEmpty() || running.isEmpty() || file.contains("://") || file.startsWith("/")) {
            return false;
        }
        Path wanted = Path.of(file).normalize();
        Path shown = Path.of(running).normalize();
        return shown.isAbsolute() ? shown.equals(configDir.resolve(wanted).normalize()) : shown.endsWith(wanted);
    }

    /** A Prometheus duration ({@code 1m30s}, {@code 500ms}) in milliseconds, or null when it is not one. */
    private static Long millis(String text) {
        Matcher m = DURATION.matcher(text);
        if (text.isEmpty() || !m.matches()) {
            return null;
        }
        long total = 0;
        for (int i = 0; i < MILLIS.length; i++) {
            if (m.group(i + 1) != null) {
                total += Long.parseLong(m.group(i + 1)) * MILLIS[i];
            }
        }
        return total;
    }

    private static boolean blank(Object value) {
        return value == null || Boolean.FALSE.equals(value) || "".equals(value)
                || (value instanceof Number n && n.doubleValue() == 0)
                || (value instanceof Collection<?> c && c.isEmpty()) || (value instanceof Map<?, ?> m && m.isEmpty());
    }

    private static Optional<String> differs(String at, Object file, Object running) {
        return Optional.of((at.isEmpty() ? "the config" : at) + ": the file says " + describe(file)
                + ", Prometheus runs " + describe(running));
    }

    /** A value as evidence, short: lists and mappings by size, jobs by name. */
    private static String describe(Object value) {
        if (value instanceof List<?> list) {
            List<String> jobs = list.stream().filter(Map.class::isInstance).map(m -> ((Map<?, ?>) m).get("job_name"))
                    .filter(Objects::nonNull).map(String::valueOf).toList();
            return jobs.isEmpty() ? list.size() + " entries" : "jobs " + jobs;
        }
        if (value instanceof Map<?, ?> map) {
            return "a section with " + map.keySet();
        }
        return value == null ? "nothing" : "'" + value + "'";
    }

    private static Object load(String text) {
        return new Yaml(new LoaderOptions()).load(text);
    }
}
