package quantum.safety.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quantum.safety.cli.ops.OpsCommandTest.Run;
import quantum.safety.ops.backup.InstallSetup;
import quantum.safety.ops.backup.ManifestStore;
import quantum.safety.ops.backup.RecalledSetup;
import quantum.safety.testkit.RequiresTools;

/**
 * {@code ops install --job.archive} through the real command line with the packaged bundle ({@code --no-reload}: real
 * files and promtool, no Prometheus): the choice is remembered by the manifest and kept by the commands verify's fixes
 * print; turning it off later takes the job out and the plan says so; verify and doctor then do not look for the
 * archive; rollback puts the file back byte for byte.
 */
@RequiresTools({"promtool"})
class ArchiveJobCommandTest {

    private static final String ARCHIVE_JOB = "job_name: quantum_safety_archive";

    @TempDir
    Path tmp;

    private Path config;

    private Run install(String... extra) {
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("ops", "install",
                "--prometheus.config=" + config, "--prometheus.rules-dir=" + tmp.resolve("rules"),
                "--exporter.address=127.0.0.1:19105", "--no-reload", "--yes"), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        Run run = OpsCommandTest.run(args);
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        return run;
    }

    private InstallSetup recalled() {
        return RecalledSetup.recall(InstallSetup.builder().prometheusConfig(config).build()).setup();
    }

    @Test
    void theChoiceIsRememberedTurningItOffLaterTakesTheJobOutAndRollbackPutsItBack() throws Exception {
        config = Files.writeString(tmp.resolve("prometheus.yml"), "# mine\nscrape_configs: []\n");

        install();
        byte[] withArchive = Files.readAllBytes(config);
        assertThat(new String(withArchive)).contains(ARCHIVE_JOB, "job_name: quantum_safety_kernel");
        assertThat(VerifyCommand.settings(RecalledSetup.recall(InstallSetup.builder().prometheusConfig(config).build()))
                .archiveJob()).contains("quantum_safety_archive");

        Run dryRun = install("--job.archive=false", "--dry-run");
        assertThat(dryRun.out()).contains(
                "remove scrape job quantum_safety_archive [127.0.0.1:9107]: an earlier install added it, this one leaves it out",
                "-  # Quantum Safety audit archive: added by 'quantum-safety ops install'.",
                "-  - " + ARCHIVE_JOB);
        install("--job.archive=false");
        byte[] optedOut = Files.readAllBytes(config);
        assertThat(new String(optedOut)).doesNotContain(ARCHIVE_JOB).contains("job_name: quantum_safety_kernel");
        assertThat(new ManifestStore(ManifestStore.defaultDirFor(config)).newest().orElseThrow().setup().archiveJob())
                .isFalse();
        assertThat(VerifyCommand.settings(RecalledSetup.recall(InstallSetup.builder().prometheusConfig(config).build()))
                .archiveJob()).as("verify and doctor do not look for the archive").isEmpty();
        assertThat(new quantum.safety.ops.commands.OperatorCommands(recalled()).install(null))
                .as("the install command a fix prints keeps the choice").contains("--job.archive=false")
                .doesNotContain("--job.decision-service=false");

        Run again = install();
        assertThat(again.out()).contains("nothing changed");
        assertThat(Files.readAllBytes(config)).as("no flag: the newest install's choice").isEqualTo(optedOut);

        Run rollback = OpsCommandTest.run("ops", "rollback", "--prometheus.config=" + config, "--no-reload", "--yes");
        assertThat(rollback.code()).as(rollback.out() + rollback.err()).isZero();
        assertThat(Files.readAllBytes(config)).as("the opt-out undone, byte for byte").isEqualTo(withArchive);
    }
}
