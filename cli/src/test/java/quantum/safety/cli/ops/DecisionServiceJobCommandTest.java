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
 * {@code ops install --job.decision-service} through the real command line with the packaged bundle
 * ({@code --no-reload}: real files and promtool, no Prometheus): the choice is remembered by the manifest, so an
 * install without the flag keeps it; turning it off later takes the job out and the plan says so and why it pages;
 * verify and doctor then do not look for the service; rollback puts the file back byte for byte.
 */
@RequiresTools({"promtool"})
class DecisionServiceJobCommandTest {

    private static final String SERVICE_JOB = "job_name: quantum_safety_kernel";

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

    @Test
    void theChoiceIsRememberedTurningItOffLaterTakesTheJobOutAndRollbackPutsItBack() throws Exception {
        config = Files.writeString(tmp.resolve("prometheus.yml"), "# mine\nscrape_configs: []\n");

        install("--job.decision-service=false");
        byte[] optedOut = Files.readAllBytes(config);
        assertThat(new String(optedOut)).contains("job_name: quantum_safety_telemetry").doesNotContain(SERVICE_JOB);
        assertThat(new ManifestStore(ManifestStore.defaultDirFor(config)).newest().orElseThrow().setup()
                .decisionServiceJob()).isFalse();
        assertThat(VerifyCommand.settings(RecalledSetup.recall(InstallSetup.builder().prometheusConfig(config).build()))
                .serviceJob()).as("verify and doctor do not look for the service").isEmpty();

        Run again = install();
        assertThat(again.out()).contains("nothing changed");
        assertThat(Files.readAllBytes(config)).as("no flag: the newest install's choice").isEqualTo(optedOut);

        install("--job.decision-service");
        byte[] withService = Files.readAllBytes(config);
        assertThat(new String(withService)).contains(SERVICE_JOB);
        assertThat(VerifyCommand.settings(RecalledSetup.recall(InstallSetup.builder().prometheusConfig(config).build()))
                .serviceJob()).contains("quantum_safety_kernel");

        Run dryRun = install("--job.decision-service=false", "--dry-run");
        assertThat(dryRun.out()).contains(
                "remove scrape job quantum_safety_kernel [127.0.0.1:9106]: an earlier install added it, this one leaves it out",
                "-  # Quantum Safety decision service: added by 'quantum-safety ops install'.",
                "-  - " + SERVICE_JOB);
        install("--job.decision-service=false");
        assertThat(Files.readAllBytes(config)).isEqualTo(optedOut);

        Run rollback = OpsCommandTest.run("ops", "rollback", "--prometheus.config=" + config, "--no-reload", "--yes");
        assertThat(rollback.code()).as(rollback.out() + rollback.err()).isZero();
        assertThat(Files.readAllBytes(config)).as("the opt-out undone, byte for byte").isEqualTo(withService);
    }

    @Test
    void aServiceJobTheOperatorWroteIsKeptAndThePlanSaysSoEvenWhenNothingElseChanges() throws Exception {
        config = Files.writeString(tmp.resolve("prometheus.yml"), "scrape_configs:\n  - job_name: quantum_safety_kernel\n"
                + "    static_configs:\n      - targets: ['10.0.0.7:9106']\n");
        install("--job.decision-service=false");
        byte[] installed = Files.readAllBytes(config);

        Run again = install("--job.decision-service=false");

        assertThat(again.out()).contains("(already as in the bundle)",
                "keep scrape job quantum_safety_kernel [10.0.0.7:9106], which this install leaves out");
        assertThat(Files.readAllBytes(config)).isEqualTo(installed);
        assertThat(new String(installed)).contains(SERVICE_JOB);
    }
}
