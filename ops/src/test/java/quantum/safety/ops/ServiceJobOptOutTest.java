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

import quantum.safety.ops.backup.InstallSetup;
import quantum.safety.ops.backup.ManifestStore;
import quantum.safety.ops.backup.RecalledSetup;

import quantum.safety.ops.event.EventLog;




import quantum.safety.testkit.RequiresTools;

/**
 * {@code --job.decision-service=false} through install and rollback with the packaged bundle ({@code --no-reload}:
 * real files and a real promtool, no Prometheus): the job left out from the start, taken out later, remembered by the
 * manifest, kept when the operator wrote it; each rollback puts back the file as it was, byte for byte.
 */
@RequiresTools({"promtool"})
class ServiceJobOptOutTest {

    private static final String ORIGINAL = PackagedBundleInstalls.ORIGINAL;
    private static final String SERVICE_JOB = "quantum_safety_kernel";

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
        return installs.install();
    }

    private OpsResult run(InstallRequest.Builder request) {
        events.clear();
        OpsResult result = new Installer(request.build(), events).install();
        assertThat(result.exitCode()).as(events.toString()).isZero();
        return result;
    }

    private void rollBackTheNewest() {
        events.clear();
        OpsResult result = new Rollback(RollbackRequest.builder().prometheusConfig(config())
                .prometheusUrl("http://127.0.0.1:9").reload(false).verify(false).verifyTimeout(Duration.ofSeconds(1))
                .build(), events).run();
        assertThat(result.exitCode()).as(events.toString()).isZero();
    }

    @Test
    void leftOutFromTheStartOnlyTheExportersJobGoesInAndVerifyDoesNotLookForTheService() throws Exception {
        Files.writeString(config(), ORIGINAL);
        InstallRequest request = install().decisionServiceJob(false).build();

        assertThat(new Installer(request, events).install().exitCode()).as(events.toString()).isZero();

        assertThat(jobNames(Files.readString(config())))
                .containsExactly("node", "quantum_safety_telemetry", "quantum_safety_archive");
        assertThat(changesToConfig()).noneMatch(c -> c.contains(SERVICE_JOB));
        assertThat(new Installer(request, events).verifySettings().serviceJob()).isEmpty();
        assertThat(new ManifestStore(ManifestStore.defaultDirFor(config())).newest().orElseThrow().setup()
                .decisionServiceJob()).as("the manifest remembers the choice").isFalse();
    }

    @Test
    void turnedOffLaterTheJobAnInstallAddedIsTakenOutAndEachRollbackRestoresTheFileBeforeIt() throws Exception {
        Files.writeString(config(), ORIGINAL);
        run(install());
        byte[] withService = Files.readAllBytes(config());
        assertThat(new String(withService)).contains("job_name: " + SERVICE_JOB);

        run(install().decisionServiceJob(false));

        String without = Files.readString(config());
        assertThat(jobNames(without)).containsExactly("node", "quantum_safety_telemetry", "quantum_safety_archive");
        assertThat(without).doesNotContain("decision service");
        assertThat(changesToConfig()).containsExactly(
                "remove scrape job quantum_safety_kernel [127.0.0.1:9106]: an earlier install added it, this one "
                        + "leaves it out");

        rollBackTheNewest();
        assertThat(Files.readAllBytes(config())).as("the opt-out undone").isEqualTo(withService);
        rollBackTheNewest();
        assertThat(Files.readString(config())).as("the first install undone").isEqualTo(ORIGINAL);
    }

    /** What the CLI does without the flag: the newest install's choice, found where this install records its own. */
    @Test
    void theNextInstallWithoutTheFlagKeepsTheChoiceTheNewestInstallRecorded() throws Exception {
        Files.writeString(config(), ORIGINAL);
        InstallSetup given = InstallSetup.builder().prometheusConfig(config()).build();
        assertThat(RecalledSetup.recall(given).setup().decisionServiceJobOrDefault()).as("no install yet").isTrue();
        run(install().decisionServiceJob(false));
        byte[] optedOut = Files.readAllBytes(config());

        boolean recalled = RecalledSetup.recall(given).setup().decisionServiceJobOrDefault();
        OpsResult again = run(install().decisionServiceJob(recalled));

        assertThat(recalled).isFalse();
        assertThat(again.summary()).contains("nothing changed");
        assertThat(Files.readAllBytes(config())).isEqualTo(optedOut);

        run(install().decisionServiceJob(true));
        assertThat(Files.readString(config())).contains("job_name: " + SERVICE_JOB);
        assertThat(RecalledSetup.recall(given).setup().decisionServiceJobOrDefault()).as("turned on again").isTrue();
    }

    @Test
    void aServiceJobTheOperatorWroteStaysThePlanSaysWhyAndVerifyStillLooksAtIt() throws Exception {
        String own = ORIGINAL + "  - job_name: quantum_safety_kernel\n    static_configs:\n"
                + "      - targets: ['10.0.0.7:9106']\n";
        Files.writeString(config(), own);
        InstallRequest request = install().decisionServiceJob(false).build();

        assertThat(new Installer(request, events).install().exitCode()).as(events.toString()).isZero();

        assertThat(jobNames(Files.readString(config())))
                .containsExactly("node", SERVICE_JOB, "quantum_safety_telemetry", "quantum_safety_archive");
        assertThat(changesToConfig()).anySatisfy(c -> assertThat(c)
                .startsWith("keep scrape job quantum_safety_kernel [10.0.0.7:9106], which this install leaves out"));
        assertThat(new Installer(request, events).verifySettings().serviceJob()).contains(SERVICE_JOB);
        rollBackTheNewest();
        assertThat(Files.readString(config())).isEqualTo(own);
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
