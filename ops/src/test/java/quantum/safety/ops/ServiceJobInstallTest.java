package quantum.safety.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;


import quantum.safety.ops.event.EventLog;



import quantum.safety.ops.prometheus.ScrapeJob;

import quantum.safety.testkit.RequiresTools;

/**
 * The packaged bundle's three scrape jobs through install and rollback ({@code --no-reload}: real files and a real
 * promtool, no Prometheus): the exporter's at {@code --exporter.address}, the decision service's and the audit
 * archive's at their own targets, all with the environment label, and all gone after the rollback.
 */
@RequiresTools({"promtool"})
class ServiceJobInstallTest {

    private static final String ORIGINAL = PackagedBundleInstalls.ORIGINAL;

    @TempDir
    Path tmp;

    private PackagedBundleInstalls installs;
    private EventLog events;

    @BeforeEach
    void folder() {
        installs = new PackagedBundleInstalls(tmp);
        events = installs.events();
    }

    private Path config() {
        return installs.config();
    }

    private InstallRequest.Builder install() {
        return installs.install().jobEnvironment("staging");
    }

    @Test
    void installAddsEveryJobWithTheEnvironmentAndRollbackTakesThemOut() throws Exception {
        Files.writeString(config(), ORIGINAL);

        OpsResult installed = new Installer(install().build(), events).install();

        assertThat(installed.exitCode()).as(events.toString()).isZero();
        assertThat(changesToConfig()).contains(
                "add scrape job quantum_safety_telemetry [127.0.0.1:19105] labels {service=safety-telemetry, "
                        + "component=quantum-trader, environment=staging}",
                "add scrape job quantum_safety_kernel [127.0.0.1:9106] labels {service=safety-kernel, "
                        + "component=quantum-trader, environment=staging}",
                "add scrape job quantum_safety_archive [127.0.0.1:9107] labels {service=safety-archive, "
                        + "component=quantum-trader, environment=staging}");
        String text = Files.readString(config());
        assertThat(jobNames(text)).containsExactly("node", "quantum_safety_telemetry", "quantum_safety_kernel",
                "quantum_safety_archive");
        assertThat(text).contains("# Quantum Safety decision service: added by 'quantum-safety ops install'.",
                "# Quantum Safety audit archive: added by 'quantum-safety ops install'.");
        assertThat(ScrapeJob.find(text, "quantum_safety_kernel", "prometheus.yml").orElseThrow().labels())
                .containsEntry("environment", "staging");
        events.clear();

        OpsResult rolledBack = new Rollback(RollbackRequest.builder().prometheusConfig(config())
                .prometheusUrl("http://127.0.0.1:9").reload(false).verify(false).verifyTimeout(Duration.ofSeconds(1))
                .build(), events).run();

        assertThat(rolledBack.exitCode()).as(events.toString()).isZero();
        assertThat(Files.readString(config())).isEqualTo(ORIGINAL);
    }

    /** No flag sets the service's target: one the operator moved stays where it is, without --force. */
    @Test
    void aServiceTargetTheOperatorMovedIsKeptByTheNextInstallWhichStillUpdatesItsLabels() throws Exception {
        Files.writeString(config(), ORIGINAL);
        assertThat(new Installer(install().build(), events).install().exitCode()).as(events.toString()).isZero();
        String moved = Files.readString(config()).replace("- 127.0.0.1:9106", "- 10.0.0.7:9106");
        Files.writeString(config(), moved);
        events.clear();

        OpsResult again = new Installer(install().build(), events).install();

        assertThat(again.exitCode()).as(events.toString()).isZero();
        assertThat(again.summary()).contains("nothing changed");
        assertThat(Files.readString(config())).isEqualTo(moved);
        events.clear();

        OpsResult production = new Installer(install().jobEnvironment("production").build(), events).install();

        assertThat(production.exitCode()).as(events.toString()).isZero();
        assertThat(changesToConfig()).anySatisfy(c -> assertThat(c)
                .startsWith("update scrape job quantum_safety_kernel [10.0.0.7:9106]").endsWith("environment=production})"));
        ScrapeJob service = ScrapeJob.find(Files.readString(config()), "quantum_safety_kernel", "prometheus.yml")
                .orElseThrow();
        assertThat(service.targets()).containsExactly("10.0.0.7:9106");
        assertThat(service.labels()).containsEntry("environment", "production");
    }

    private List<String> changesToConfig() {
        return installs.changesToConfig();
    }

    @SuppressWarnings("unchecked")
    private static List<String> jobNames(String text) {
        Map<String, Object> loaded = new Yaml().load(text);
        return ((List<Map<String, Object>>) loaded.get("scrape_configs")).stream()
                .map(j -> String.valueOf(j.get("job_name"))).toList();
    }
}
