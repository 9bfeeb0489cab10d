package quantum.safety.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import quantum.safety.ops.bundle.BundlePaths;
import quantum.safety.ops.doctor.DoctorSettings;
import quantum.safety.ops.prometheus.ExpectedRules;
import quantum.safety.ops.prometheus.PrometheusConfigMerger;
import quantum.safety.ops.prometheus.ScrapeJob;
import quantum.safety.ops.verify.HostPort;
import quantum.safety.ops.verify.HostResolver;
import quantum.safety.ops.verify.VerifySettings;

class RequestBuildersTest {

    private static final Path CONFIG = Path.of("/etc/prometheus/prometheus.yml");

    @Test
    void anInstallRequestNeedsOnlyItsFilesAndDefaultsTheRest() {
        InstallRequest request = InstallRequest.builder().prometheusConfig(CONFIG).rulesDir(Path.of("/etc/prometheus/rules"))
                .build();

        assertThat(request.prometheusUrl()).isEqualTo("http://127.0.0.1:9090");
        assertThat(request.tag()).isEqualTo("qs");
        assertThat(request.reload()).isTrue();
        assertThat(request.verify()).isTrue();
        assertThat(request.dryRun()).isFalse();
        assertThat(request.verifyTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(request.promtool()).isEqualTo("promtool");
        assertThat(request.alertmanagerUrl()).isEmpty();
        assertThat(request.exporterAddress()).isEmpty();
        assertThat(request.jobEnvironment()).as("no environment label unless asked").isEmpty();
        assertThat(request.decisionServiceJob()).as("the decision service's job goes in unless left out").isTrue();
        assertThat(request.confirm().test(null)).isTrue();
        assertThat(request.manifestDir()).isEqualTo(Path.of("/etc/prometheus/quantum-safety-backups"));
        assertThat(InstallRequest.builder().prometheusConfig(CONFIG).rulesDir(Path.of("/r")).backupDir(Path.of("/b"))
                .build().manifestDir()).isEqualTo(Path.of("/b"));
    }

    @Test
    void aMissingRequiredFieldIsNamedWithTheBuilderCallThatSetsIt() {
        assertThatThrownBy(() -> InstallRequest.builder().rulesDir(Path.of("/r")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prometheusConfig(path)");
        assertThatThrownBy(() -> InstallRequest.builder().prometheusConfig(CONFIG).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rulesDir(path)");
        assertThatThrownBy(() -> RollbackRequest.builder().prometheusUrl("http://127.0.0.1:9090").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prometheusConfig(path)");
        assertThatThrownBy(() -> VerifySettings.builder().prometheusUrl("http://127.0.0.1:9090")
                .expectedRules(ExpectedRules.contract()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exporter(address)");
        assertThatThrownBy(() -> DoctorSettings.builder().verify(verify()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("redis(client, where)");
        assertThatThrownBy(() -> PrometheusConfigMerger.Request.builder().configDir(Path.of("/etc")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("job(job)");
    }

    @Test
    void aRollbackRequestDefaultsToTheNewestInstallAndTheServicesItRecordedWithReloadAndVerify() {
        RollbackRequest request = RollbackRequest.builder().prometheusConfig(CONFIG).build();

        assertThat(request.prometheusUrl()).as("the install's, from its manifest").isEmpty();
        assertThat(request.alertmanagerUrl()).isEmpty();
        assertThat(request.to()).isEmpty();
        assertThat(request.backupDir()).isEmpty();
        assertThat(request.reload()).isTrue();
        assertThat(request.verify()).isTrue();
        assertThat(request.force()).isFalse();
        assertThat(request.configPath()).isEqualTo(CONFIG);
    }

    @Test
    void verifySettingsRequireAnAlertmanagerAndCheckTheBundlesJobUnlessToldOtherwise() {
        VerifySettings settings = verify();

        assertThat(settings.prometheus().baseUrl()).isEqualTo("http://127.0.0.1:9090");
        assertThat(settings.jobName()).isEqualTo(BundlePaths.JOB_NAME);
        assertThat(settings.requireAlertmanager()).isTrue();
        assertThat(settings.alertmanagerUrl()).isEmpty();
        assertThat(settings.resolver()).isSameAs(HostResolver.SYSTEM);
        assertThat(settings.http()).isNotNull();
    }

    @Test
    void doctorSettingsWithoutFilesSkipThemAndUseToolsFromThePath() {
        DoctorSettings settings = DoctorSettings.builder().verify(verify()).redis(() -> null, "redis://127.0.0.1:6379")
                .build();

        assertThat(settings.prometheusConfig()).isEmpty();
        assertThat(settings.backupDir()).isEmpty();
        assertThat(settings.promtool()).isEqualTo("promtool");
        assertThat(settings.amtool()).isEqualTo("amtool");
        assertThat(settings.redisWhere()).isEqualTo("redis://127.0.0.1:6379");
    }

    @Test
    void aMergeRequestKeepsItsOwnCopyOfTheRuleFiles() {
        List<Path> rules = new ArrayList<>(List.of(Path.of("/etc/prometheus/rules/a.yml")));
        PrometheusConfigMerger.Request request = PrometheusConfigMerger.Request.builder()
                .job(ScrapeJob.parse("job_name: j\nstatic_configs:\n  - targets: ['h:1']\n", "j", "test"))
                .ruleFiles(rules).configDir(Path.of("/etc/prometheus")).build();
        rules.clear();

        assertThat(request.ruleFiles()).hasSize(1);
        assertThat(request.alertmanagerAddress()).isEmpty();
        assertThat(request.force()).isFalse();
    }

    private static VerifySettings verify() {
        return VerifySettings.builder().prometheusUrl("http://127.0.0.1:9090/").exporter(new HostPort("127.0.0.1", 9105))
                .expectedRules(ExpectedRules.contract()).build();
    }
}
