package quantum.safety.monitoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The monitoring bundle as shipped in the jar: Prometheus scrape jobs, rules and their promtool tests, Alertmanager
 * configuration, Grafana dashboard and provisioning, systemd units. The files are edited under {@code monitoring/}
 * in the source tree and packaged as classpath resources under {@value #RESOURCE_ROOT}; every path this class takes
 * or returns is relative to that root, e.g. {@link #ALERT_RULES}.
 */
public final class Bundle {

    /** Classpath folder that holds the bundle (next to this class, which is not part of it). */
    public static final String RESOURCE_ROOT = "quantum/safety/monitoring/";

    /** The bundle's top-level folders, one per tool. */
    public static final List<String> FOLDERS = List.of("prometheus", "alertmanager", "grafana", "systemd");

    public static final String SCRAPE_JOB = "prometheus/scrape-job.yml";
    public static final String PROMETHEUS_CONFIG = "prometheus/prometheus.yml";
    public static final String ALERT_RULES = "prometheus/rules/quantum_safety_alerts.yml";
    public static final String RECORDING_RULES = "prometheus/rules/quantum_safety_recording.yml";
    public static final String RULE_TESTS = "prometheus/tests/";
    public static final String ALERTMANAGER_CONFIG = "alertmanager/alertmanager.yml";
    public static final String DASHBOARD = "grafana/dashboards/quantum_safety_telemetry.json";
    public static final String DASHBOARD_PROVISIONING = "grafana/provisioning/dashboards/quantum_safety.yaml";
    public static final String SYSTEMD_UNIT = "systemd/quantum-safety-exporter.service";
    public static final String SYSTEMD_ENV = "systemd/quantum-safety-exporter.env";
    /** The decision service's unit ({@code quantum-safety kernel serve}) and its env file. */
    public static final String SYSTEMD_KERNEL_UNIT = "systemd/quantum-safety-kernel.service";
    public static final String SYSTEMD_KERNEL_ENV = "systemd/quantum-safety-kernel.env";
    /** The audit archive's unit ({@code quantum-safety archive}) and its env file. */
    public static final String SYSTEMD_ARCHIVE_UNIT = "systemd/quantum-safety-archive.service";
    public static final String SYSTEMD_ARCHIVE_ENV = "systemd/quantum-safety-archive.env";

    /** Every alert's runbook_url starts with this, followed by {@code #<alertname in lower case>}. */
    public static final String RUNBOOK_BASE_URL = "https://github.com/quantum-safety/quantum-safety/blob/main/docs/runbooks.md";

    private Bundle() {
    }

    /** Every file of the bundle, relative to {@link #RESOURCE_ROOT}, sorted. */
    public static List<String> list() {
        return Listing.FILES;
    }

    /** The files under one folder of the bundle (e.g. {@link #RULE_TESTS}), sorted. */
    public static List<String> list(String folder) {
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        return list().stream().filter(p -> p.startsWith(prefix)).toList();
    }

    /** Opens one file of the bundle; the caller closes the stream. */
    public static InputStream open(String path) throws IOException {
        InputStream in = Bundle.class.getClassLoader().getResourceAsStream(resourceName(path));
        if (in == null) {
            throw new IOException("the monitoring bundle has no file '" + path + "'; known files: " + list());
        }
        return in;
    }

    /** One file of the bundle as UTF-8 text. */
    public static String read(String path) {
        try (InputStream in = open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes every file of the bundle under {@code target}, keeping the relative layout (so the rule tests find
     * {@code ../rules/…} and prometheus.yml finds {@code rules/…}), and returns {@code target}.
     */
    public static Path copyTo(Path target) throws IOException {
        for (String path : list()) {
            Path file = target.resolve(path);
            Files.createDirectories(file.getParent());
            try (InputStream in = open(path)) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }

    private static String resourceName(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || List.of(path.split("/")).contains("..")) {
            throw new IllegalArgumentException("bundle path '" + path + "' must be relative, with no '..', "
                    + "e.g. " + ALERT_RULES);
        }
        return RESOURCE_ROOT + path;
    }

    /** Lists the bundle once, from a directory (tests, IDE) or from inside the jar. */
    private static final class Listing {

        static final List<String> FILES = scan();

        private static List<String> scan() {
            // A file known to exist anchors the root; directory entries are not guaranteed in every jar.
            URL anchor = Bundle.class.getClassLoader().getResource(RESOURCE_ROOT + ALERT_RULES);
            if (anchor == null) {
                throw new IllegalStateException("the monitoring bundle is not on the classpath ("
                        + RESOURCE_ROOT + ALERT_RULES + " is missing); build the monitoring module");
            }
            try {
                URI uri = anchor.toURI();
                if ("jar".equals(uri.getScheme())) {
                    try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                        return walk(jar.provider().getPath(uri));
                    } catch (FileSystemAlreadyExistsException e) {
                        // Opened by someone else, who will close it.
                        return walk(Path.of(uri));
                    }
                }
                return walk(Path.of(uri));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the monitoring bundle at " + anchor, e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException("cannot list the monitoring bundle at " + anchor, e);
            }
        }

        private static List<String> walk(Path anchorFile) throws IOException {
            // anchor = <root>/prometheus/rules/quantum_safety_alerts.yml
            Path root = anchorFile.getParent().getParent().getParent();
            List<String> files = new ArrayList<>();
            for (String folder : FOLDERS) {
                Path dir = root.resolve(folder);
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> walk = Files.walk(dir)) {
                        walk.filter(Files::isRegularFile)
                                .map(p -> root.relativize(p).toString().replace('\\', '/'))
                                .forEach(files::add);
                    }
                }
            }
            Collections.sort(files);
            return List.copyOf(files);
        }
    }
}
