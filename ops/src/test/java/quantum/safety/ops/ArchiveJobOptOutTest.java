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
import quantum.safety.ops.verify.ServiceTargetCheck;
import quantum.safety.testkit.RequiresTools;

/**
 * {@code --job.archive=false} through install and rollback with the packaged bundle ({@code --no-reload}: real files
 * and a real promtool, no Prometheus), as {@code --job.decision-service=false} does for the decision service: the job
 * left out from the start, taken out later, remembered by the manifest, and each rollback puts back the file as it was.
 */
@RequiresTools({"promtool"})
class ArchiveJobOptOutTest {

    private static final String ORIGINAL = PackagedBundleInstalls.ORIGINAL;
    private static final String ARCHIVE_JOB = "quantum_safety_archive";

    @TempDir
    Path tmp;

    private PackagedBundleInstalls installs;
    private EventLog events;

    @BeforeEach
    void folder() {
        installs = new PackagedBundleInstalls(tmp);
        events = installs.events();
    }

    private OpsResult run(InstallRequest.Builder request) {
        events.clear();
        OpsResult result = new Installer(request.build(), events).install();
        assertThat(result.exitCode()).as(events.toString()).isZero();
        return result;
    }

    private void rollBackTheNewest() {
        events.clear();
        OpsResult result = new Rollback(RollbackRequest.builder().prometheusConfig(installs.config())
                .prometheusUrl("http://127.0.0.1:9").reload(false).verify(false).verifyTimeout(Duration.ofSeconds(1))
                .build(), events).run();
        assertThat(result.exitCode()).as(events.toString()).isZero();
    }

    @Test
    void leftOutFromTheStartTheOtherJobsGoInAndVerifyDoesNotLookForTheArchive() throws Exception {
        Files.writeString(installs.config(), ORIGINAL);
        InstallRequest request = installs.install().archiveJob(false).build();

        assertThat(new Installer(request, events).install().exitCode()).as(events.toString()).isZero();

        assertThat(jobNames(Files.readString(installs.config())))
                .containsExactly("node", "quantum_safety_telemetry", "quantum_safety_kernel");
        assertThat(installs.changesToConfig()).noneMatch(c -> c.contains(ARCHIVE_JOB));
        assertThat(new Installer(request, events).verifySettings().archiveJob()).isEmpty();
        assertThat(new Installer(request, events).verifySettings().serviceJob()).contains("quantum_safety_kernel");
        InstallSetup recorded = new ManifestStore(ManifestStore.defaultDirFor(installs.config())).newest().orElseThrow()
                .setup();
        assertThat(recorded.archiveJob()).as("the manifest remembers the choice").isFalse();
        assertThat(recorded.decisionServiceJob()).as("and the other one").isTrue();
    }

    @Test
    void turnedOffLaterTheJobAnInstallAddedIsTakenOutAndTheNextInstallKeepsItOut() throws Exception {
        Files.writeString(installs.config(), ORIGINAL);
        run(installs.install());
        byte[] withArchive = Files.readAllBytes(installs.config());
        assertThat(new Installer(installs.install().build(), events).verifySettings().archiveJob()).contains(ARCHIVE_JOB);

        run(installs.install().archiveJob(false));

        String without = Files.readString(installs.config());
        assertThat(jobNames(without)).containsExactly("node", "quantum_safety_telemetry", "quantum_safety_kernel");
        assertThat(without).doesNotContain("audit archive");
        assertThat(installs.changesToConfig()).containsExactly("remove scrape job quantum_safety_archive "
                + "[127.0.0.1:9107]: an earlier install added it, this one leaves it out");
        InstallSetup given = InstallSetup.builder().prometheusConfig(installs.config()).build();
        boolean recalled = RecalledSetup.recall(given).setup().archiveJobOrDefault();
        assertThat(recalled).isFalse();
        assertThat(run(installs.install().archiveJob(recalled)).summary()).contains("nothing changed");

        rollBackTheNewest();
        assertThat(Files.readAllBytes(installs.config())).as("the opt-out undone").isEqualTo(withArchive);
        rollBackTheNewest();
        assertThat(Files.readString(installs.config())).as("the first install undone").isEqualTo(ORIGINAL);
    }

    /** The plan lists the archive's check only while its job is in. */
    @Test
    void thePlannedVerificationLooksForTheArchiveOnlyWhenItsJobGoesIn() throws Exception {
        Files.writeString(installs.config(), ORIGINAL);
        String title = new ServiceTargetCheck(quantum.safety.ops.bundle.ServiceJob.ARCHIVE).title();
        assertThat(title).isEqualTo("audit archive job scraped and up (warns only)");

        events.clear();
        new Installer(installs.install().prometheusUrl("http://127.0.0.1:9").reload(true).dryRun(true).build(), events).install();
        assertThat(events.first(quantum.safety.ops.event.OpsEvent.InstallPlanned.class).plan().verification().checks())
                .contains(title, "decision service job scraped and up (warns only)");
        events.clear();
        new Installer(installs.install().prometheusUrl("http://127.0.0.1:9").reload(true).dryRun(true).archiveJob(false).build(), events).install();
        assertThat(events.first(quantum.safety.ops.event.OpsEvent.InstallPlanned.class).plan().verification().checks())
                .doesNotContain(title).contains("decision service job scraped and up (warns only)");
    }

    @SuppressWarnings("unchecked")
    private static List<String> jobNames(String text) {
        Map<String, Object> loaded = new Yaml().load(text);
        return ((List<Map<String, Object>>) loaded.get("scrape_configs")).stream()
                .map(j -> String.valueOf(j.get("job_name"))).toList();
    }
}
