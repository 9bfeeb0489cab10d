package quantum.safety.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quantum.safety.ops.OpsInputException;

/** Flags over the newest manifest's setup over the defaults, and manifests from before the setup was recorded. */
class RecalledSetupTest {

    @TempDir
    Path tmp;

    private Manifest install(ManifestStore store, String stamp, InstallSetup setup, String rolledBackAt) {
        Manifest manifest = new Manifest("install_qs_" + stamp, Manifest.KIND_INSTALL, "qs", stamp,
                setup.prometheusConfig(), List.of(), List.of(), rolledBackAt, setup);
        store.save(manifest);
        return manifest;
    }

    private InstallSetup recorded(String url) {
        return InstallSetup.builder().prometheusUrl(url).prometheusConfig(tmp.resolve("prometheus.yml"))
                .exporterAddress("127.0.0.1:9205").alertmanagerUrl("http://127.0.0.1:9193")
                .rulesDir(tmp.resolve("rules")).backupDir(tmp.resolve("backups")).build();
    }

    @Test
    void whatIsNotGivenComesFromTheNewestActiveInstallAndWhatIsGivenWins() {
        ManifestStore store = new ManifestStore(tmp.resolve("backups"));
        install(store, "20260119_034418", recorded("http://127.0.0.1:9091"), null);
        install(store, "20260120_034418", recorded("http://127.0.0.1:9092"), null);
        install(store, "20260121_034418", recorded("http://127.0.0.1:9093"), "2026-01-21T04:00:00");

        RecalledSetup recalled = RecalledSetup.recall(InstallSetup.builder().backupDir(tmp.resolve("backups"))
                .exporterAddress("127.0.0.1:9999").build());

        assertThat(recalled.from()).map(Manifest::id).contains("install_qs_20260120_034418");
        assertThat(recalled.setup().prometheusUrl()).isEqualTo("http://127.0.0.1:9092");
        assertThat(recalled.setup().exporterAddress()).as("the flag wins").isEqualTo("127.0.0.1:9999");
        assertThat(recalled.setup().alertmanagerUrl()).isEqualTo("http://127.0.0.1:9193");
        assertThat(recalled.requirePrometheusConfig()).isEqualTo(tmp.resolve("prometheus.yml"));
    }

    /** Given (a flag) over the newest active install's choice over on; manifests from before the choice mean on. */
    @Test
    void theDecisionServiceJobChoiceIsGivenElseRecalledElseOn() throws Exception {
        ManifestStore store = new ManifestStore(tmp.resolve("backups"));
        InstallSetup folder = InstallSetup.builder().backupDir(tmp.resolve("backups")).build();
        assertThat(RecalledSetup.recall(folder).setup().decisionServiceJobOrDefault()).as("no install").isTrue();

        install(store, "20260119_034418", recorded("http://127.0.0.1:9091").toBuilder().decisionServiceJob(false).build(),
                null);
        install(store, "20260120_034418", recorded("http://127.0.0.1:9091").toBuilder().decisionServiceJob(true).build(),
                "2026-01-20T04:00:00");

        assertThat(RecalledSetup.recall(folder).setup().decisionServiceJob()).as("the newest active install's")
                .isFalse();
        assertThat(RecalledSetup.recall(folder.toBuilder().decisionServiceJob(true).build()).setup()
                .decisionServiceJob()).as("the flag wins").isTrue();
        assertThat(RecalledSetup.recall(folder).commands().install(null)).as("a printed install keeps the job out")
                .endsWith(" --job.decision-service=false --yes");
        assertThat(RecalledSetup.recall(folder).commands().install(null, "--job.decision-service=false"))
                .containsOnlyOnce("--job.decision-service=false");
        assertThat(Files.readString(store.pathOf("install_qs_20260119_034418"))).contains("\"decisionServiceJob\" : false");

        Files.writeString(store.pathOf("install_qs_20260121_034418"), """
                {"id":"install_qs_20260121_034418","kind":"install","tag":"qs","createdAt":"20260121_034418",
                 "prometheusConfig":"%s","files":[],"createdDirectories":[],"setup":{"prometheusUrl":"http://h:9090"}}
                """.formatted(tmp.resolve("prometheus.yml")));
        assertThat(RecalledSetup.recall(folder).setup().decisionServiceJobOrDefault())
                .as("a manifest from before the choice: the job went in").isTrue();
    }

    @Test
    void theManifestsAreFoundNextToTheConfigGivenWhenNoFolderIsGiven() {
        ManifestStore store = new ManifestStore(ManifestStore.defaultDirFor(tmp.resolve("prometheus.yml")));
        install(store, "20260119_034418", recorded("http://127.0.0.1:9091"), null);

        RecalledSetup recalled = RecalledSetup.recall(InstallSetup.builder()
                .prometheusConfig(tmp.resolve("prometheus.yml")).build());

        assertThat(recalled.store().dir()).isEqualTo(tmp.resolve("quantum-safety-backups"));
        assertThat(recalled.setup().prometheusUrlOrDefault()).isEqualTo("http://127.0.0.1:9091");
        assertThat(recalled.setup().backupDir()).isEqualTo(tmp.resolve("quantum-safety-backups").toString());
    }

    @Test
    void aManifestWrittenBeforeTheSetupWasRecordedStillGivesItsConfigAndTheDefaultsTheRest() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("backups"));
        Files.writeString(dir.resolve("install_qs_20260119_034418.json"), """
                {"id":"install_qs_20260119_034418","kind":"install","tag":"qs","createdAt":"2026-01-19T03:44:18",
                 "prometheusConfig":"%s","files":[],"createdDirectories":[]}
                """.formatted(tmp.resolve("prometheus.yml")));

        RecalledSetup recalled = RecalledSetup.recall(InstallSetup.builder().backupDir(dir).build());

        assertThat(recalled.requirePrometheusConfig()).isEqualTo(tmp.resolve("prometheus.yml"));
        assertThat(recalled.setup().prometheusUrlOrDefault()).isEqualTo(InstallSetup.DEFAULT_PROMETHEUS_URL);
        assertThat(recalled.setup().exporterAddressOrDefault()).isEqualTo("127.0.0.1:9105");
        assertThat(recalled.commands().rollback(null)).isEqualTo("quantum-safety ops rollback --prometheus.config="
                + tmp.resolve("prometheus.yml") + " --prometheus.url=http://127.0.0.1:9090 --backup.dir=" + dir + " --yes");
    }

    @Test
    void withoutAConfigAndWithoutAnInstallToTakeItFromTheCommandSaysHowToGiveIt() {
        RecalledSetup recalled = RecalledSetup.recall(InstallSetup.builder().backupDir(tmp.resolve("none")).build());

        assertThat(recalled.from()).isEmpty();
        assertThatThrownBy(recalled::requirePrometheusConfig).isInstanceOf(OpsInputException.class)
                .hasMessageContaining("--prometheus.config is required: no install is recorded in " + tmp.resolve("none"))
                .hasMessageContaining("--backup.dir");
    }

    @Test
    void withNothingGivenTheManifestsAreLookedForNextToDebiansPrometheusConfig() {
        RecalledSetup recalled = RecalledSetup.recall(InstallSetup.NONE);

        assertThat(recalled.store().dir()).isEqualTo(Path.of("/etc/prometheus/quantum-safety-backups"));
    }
}
