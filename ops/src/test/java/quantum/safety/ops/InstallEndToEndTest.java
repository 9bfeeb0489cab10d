package quantum.safety.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import quantum.safety.ops.backup.ManifestStore;
import quantum.safety.ops.prometheus.PrometheusConfigMerger;
import quantum.safety.ops.verify.CheckResult;
import quantum.safety.ops.verify.Status;
import quantum.safety.ops.verify.Verifier;
import quantum.safety.testkit.RequiresTools;

@RequiresTools({"prometheus", "promtool", "prometheus-alertmanager", "amtool"})
class InstallEndToEndTest {

    private OpsEnvironment env;

    @AfterEach
    void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void installVerifyRollbackGivesTheOriginalFileBackByteForByte() throws Exception {
        env = OpsEnvironment.start();
        Path grafanaProvisioning = env.dir.resolve("grafana/provisioning/dashboards");
        Path grafanaDashboards = env.dir.resolve("grafana/dashboards/quantum");
        Path amConfig = env.dir.resolve("alertmanager/alertmanager.yml");

        OpsResult installed = new Installer(env.install()
                .alertmanagerConfig(amConfig).alertmanagerUrl(env.alertmanager.url())
                .grafanaProvisioningDir(grafanaProvisioning).grafanaDashboardsDir(grafanaDashboards)
                .build(), env.out).install();

        assertThat(installed.exitCode()).as(env.output()).isZero();
        String merged = Files.readString(env.config);
        List<String> added = addedLines(new String(env.original), merged);
        assertThat(added).as("only our lines were added; every operator line kept, in order")
                .allMatch(l -> l.contains("quantum_safety") || l.contains("Quantum Safety exporter") || l.startsWith("    "))
                .anyMatch(l -> l.contains("- job_name: quantum_safety_telemetry"))
                .anyMatch(l -> l.endsWith("rules/quantum_safety_alerts.yml"));
        assertThat(env.rulesDir.resolve("quantum_safety_alerts.yml")).exists();
        assertThat(grafanaDashboards.resolve("quantum_safety_telemetry.json")).exists();
        assertThat(Files.readString(grafanaProvisioning.resolve("quantum_safety.yaml"))).contains("path: " + grafanaDashboards);
        assertThat(amConfig).exists();
        assertThat(env.output()).contains("promtool check rules", "promtool check config", "amtool check-config",
                "POST " + env.prometheus.url() + "/-/reload -> 200");

        List<CheckResult> verified = new Verifier(new Installer(env.install().alertmanagerUrl(env.alertmanager.url()).build(),
                env.out).verifySettings(), Verifier.verifyChecks()).run();
        assertThat(verified).as(verified.toString()).allMatch(r -> r.status() == Status.PASSED);
        assertThat(verified.stream().map(CheckResult::name).collect(Collectors.joining("\n")))
                .contains("job quantum_safety_telemetry scraped and up", "rule group quantum_safety loaded",
                        "rule group quantum_safety_recording loaded", "Alertmanager reachable", "exporter build info",
                        "Prometheus holds what the exporter serves", "exporter listens where Prometheus scrapes");

        OpsResult rolledBack = new Rollback(env.rollback(), env.out).run();

        assertThat(rolledBack.exitCode()).as(env.output()).isZero();
        assertThat(env.configBytes()).isEqualTo(env.original);
        assertThat(env.rulesDir.resolve("quantum_safety_alerts.yml")).doesNotExist();
        assertThat(env.rulesDir.resolve("operator_node.yml")).exists();
        assertThat(grafanaDashboards.resolve("quantum_safety_telemetry.json")).doesNotExist();
        assertThat(grafanaDashboards).doesNotExist();
        assertThat(amConfig).doesNotExist();
        assertThat(env.output()).contains("PASSED  job quantum_safety_telemetry gone", "PASSED  our rule groups gone");
        assertThat(new ManifestStore(ManifestStore.defaultDirFor(env.config)).latestActive()).isEmpty();
    }

    @Test
    void installingTwiceChangesNothingTheSecondTime() throws Exception {
        env = OpsEnvironment.start();
        assertThat(new Installer(env.install().build(), env.out).install().exitCode()).as(env.output()).isZero();
        List<Path> filesAfterFirst = env.files();
        Map<Path, Long> mtimes = modificationTimes(filesAfterFirst);

        OpsResult second = new Installer(env.install().build(), env.out).install();

        assertThat(second.exitCode()).as(env.output()).isZero();
        assertThat(second.summary()).contains("nothing changed");
        assertThat(env.files()).isEqualTo(filesAfterFirst);
        assertThat(modificationTimes(filesAfterFirst)).isEqualTo(mtimes);
        assertThat(PrometheusConfigMergerTestAccess.jobNames(env.config)).containsOnlyOnce("quantum_safety_telemetry");
    }

    @Test
    void anInvalidRuleFileIsRefusedBeforeAnythingChanges() throws Exception {
        env = OpsEnvironment.start();
        Files.write(env.dir.resolve("bundle/prometheus/rules/quantum_safety_alerts.yml"), Fixtures.invalidAlertRules());
        List<Path> before = env.files();

        assertThatThrownBy(() -> new Installer(env.install().build(), env.out).install())
                .isInstanceOf(OpsInputException.class)
                .hasMessageContaining("promtool refused the candidate rule files")
                .hasMessageContaining("nothing was changed");

        assertThat(env.configBytes()).isEqualTo(env.original);
        assertThat(env.files()).isEqualTo(before);
    }

    @Test
    void prometheusDownDuringReloadRollsBackAndSaysSo() throws Exception {
        env = OpsEnvironment.start();
        env.prometheus.stop();

        OpsResult result = new Installer(env.install().build(), env.out).install();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.summary()).contains("install rolled back", "could not be reloaded", "connection refused");
        assertThat(env.configBytes()).isEqualTo(env.original);
        assertThat(env.rulesDir.resolve("quantum_safety_alerts.yml")).doesNotExist();
        assertThat(new ManifestStore(ManifestStore.defaultDirFor(env.config)).latestActive()).isEmpty();
    }

    @Test
    void aFailingVerificationTriggersTheAutomaticRollback() throws Exception {
        env = OpsEnvironment.start();
        env.exporter.close();

        OpsResult result = new Installer(env.install().verifyTimeout(Duration.ofSeconds(8)).build(), env.out).install();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.summary()).contains("install rolled back: verification failed",
                "job quantum_safety_telemetry scraped and up");
        assertThat(env.output()).contains("FAILED  job quantum_safety_telemetry scraped and up", "restore: " + env.config);
        assertThat(env.configBytes()).isEqualTo(env.original);
        assertThat(env.rulesDir.resolve("quantum_safety_alerts.yml")).doesNotExist();
    }

    @Test
    void aJobWithOurNameButAnotherTargetIsRefusedThenReplacedWithForceNeverDuplicated() throws Exception {
        env = OpsEnvironment.start("""
                  - job_name: quantum_safety_telemetry
                    static_configs:
                      - targets: ['localhost:9105']
                """, true);

        assertThatThrownBy(() -> new Installer(env.install().build(), env.out).install())
                .isInstanceOf(PrometheusConfigMerger.JobConflictException.class)
                .hasMessageContaining("[localhost:9105]").hasMessageContaining("--force");
        assertThat(env.configBytes()).isEqualTo(env.original);

        OpsResult forced = new Installer(env.install().force(true).build(), env.out).install();

        assertThat(forced.exitCode()).as(env.output()).isZero();
        assertThat(PrometheusConfigMergerTestAccess.jobNames(env.config))
                .containsExactly("prometheus", "node", "quantum_safety_telemetry");
        assertThat(Files.readString(env.config)).doesNotContain("localhost:9105").contains(env.exporter.address().toString());
    }

    @Test
    void withTheLifecycleApiOffInstallTellsTheExactReloadCommand() throws Exception {
        env = OpsEnvironment.start("", false);

        OpsResult result = new Installer(env.install().build(), env.out).install();

        assertThat(result.exitCode()).isZero();
        assertThat(result.summary()).contains("not live until Prometheus is reloaded");
        assertThat(env.output()).contains("the lifecycle API is off", "kill -HUP $(pidof prometheus)",
                "systemctl reload prometheus");
    }

    @Test
    void dryRunPrintsTheDiffAndChangesNothing() throws Exception {
        env = OpsEnvironment.start();
        List<Path> before = env.files();

        OpsResult result = new Installer(env.install().dryRun(true).build(), env.out).install();

        assertThat(result.exitCode()).isZero();
        assertThat(env.output()).contains("--- " + env.config, "+++ " + env.config, "+  - job_name: quantum_safety_telemetry",
                "--- /dev/null", "+++ " + env.rulesDir.resolve("quantum_safety_alerts.yml"));
        assertThat(env.files()).isEqualTo(before);
        assertThat(env.configBytes()).isEqualTo(env.original);
    }

    /** The lines of {@code merged} that are not the lines of {@code original} in order; fails if one is missing. */
    static List<String> addedLines(String original, String merged) {
        List<String> want = original.lines().toList();
        List<String> added = new java.util.ArrayList<>();
        int i = 0;
        for (String line : merged.lines().toList()) {
            if (i < want.size() && want.get(i).equals(line)) {
                i++;
            } else {
                added.add(line);
            }
        }
        assertThat(i).as("operator lines kept in order").isEqualTo(want.size());
        return added;
    }

    private static Map<Path, Long> modificationTimes(List<Path> files) {
        return files.stream().collect(Collectors.toMap(p -> p, p -> p.toFile().lastModified()));
    }

    /** Reads the job names of a config file. */
    static final class PrometheusConfigMergerTestAccess {
        @SuppressWarnings("unchecked")
        static List<String> jobNames(Path config) throws java.io.IOException {
            Map<String, Object> loaded = new Yaml().load(Files.readString(config));
            return ((List<Map<String, Object>>) loaded.get("scrape_configs")).stream()
                    .map(j -> String.valueOf(j.get("job_name"))).toList();
        }
    }
}
