package quantum.safety.ops;

import java.nio.file.Path;
import java.util.List;

import quantum.safety.ops.bundle.ClasspathBundleSource;
import quantum.safety.ops.event.EventLog;
import quantum.safety.ops.event.OpsEvent.InstallPlanned;
import quantum.safety.ops.plan.FileKind;
import quantum.safety.ops.plan.FileStep;
import quantum.safety.ops.verify.HostPort;

/**
 * Installs of the packaged bundle into one folder with {@code --no-reload} (real files and a real promtool, no
 * Prometheus), over an operator's prometheus.yml that scrapes a node exporter, and what they reported.
 */
final class PackagedBundleInstalls {

    static final String ORIGINAL = "# mine\nscrape_configs:\n  - job_name: node\n    static_configs:\n"
            + "      - targets: ['127.0.0.1:9100']\n";

    private final Path dir;
    private final EventLog events = new EventLog();

    PackagedBundleInstalls(Path dir) {
        this.dir = dir;
    }

    Path config() {
        return dir.resolve("prometheus.yml");
    }

    InstallRequest.Builder install() {
        return InstallRequest.builder().prometheusConfig(config()).rulesDir(dir.resolve("rules"))
                .bundle(ClasspathBundleSource.packaged()).exporterAddress(new HostPort("127.0.0.1", 19105))
                .reload(false);
    }

    EventLog events() {
        return events;
    }

    /** The changes the last planned install listed for prometheus.yml. */
    List<String> changesToConfig() {
        return events.first(InstallPlanned.class).plan().files().stream()
                .filter(f -> f.kind() == FileKind.PROMETHEUS_CONFIG).findFirst().map(FileStep::changes).orElseThrow();
    }
}
