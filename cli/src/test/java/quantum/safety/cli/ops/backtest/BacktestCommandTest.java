package quantum.safety.cli.ops.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;
import quantum.safety.cli.Main;

/** Bad input exits 2 with one line naming it, before any query; a Prometheus that does not answer exits 1. */
class BacktestCommandTest {

    @TempDir
    Path tmp;

    /** A loopback port nothing listens on: the socket that held it is closed again. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void assertUsage(BacktestRun run, String... words) {
        assertThat(run.code()).as(run.err()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err().lines().filter(l -> l.startsWith("error: ")).toList()).as(run.err()).singleElement()
                .asString().contains(words);
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsBadInput() {
        assertUsage(BacktestRun.of("--from=now-1h", "--to=now-2h"), "--from", "is not before --to");
        assertUsage(BacktestRun.of("--from=2026-01-19T00:00:00Z", "--to=2026-01-19T00:00:00Z"), "is not before");
    }

    @Test
    void aTimeOrDurationThatIsNoneIsBadInput() {
        assertUsage(BacktestRun.of("--from=yesterday"), "--from 'yesterday' is not a time", "RFC 3339");
        assertUsage(BacktestRun.of("--to=now-5x"), "--to 'now-5x' is not a time");
        assertUsage(BacktestRun.of("--step=5x"), "--step", "5x");
    }

    private static final int BUNDLE_ALERTS = quantum.safety.ops.backtest.BacktestRules
            .fromBundle(quantum.safety.ops.bundle.ClasspathBundleSource.packaged()).alerts().size();

    @Test
    void unknownAlertsAreBadInputAndTheMessageListsTheKnownOnes() {
        BacktestRun typo = BacktestRun.of("--set", "FaultSpike=3");
        assertUsage(typo, "--set FaultSpike: no such alert", "did you mean QuantumSafetyFaultSpike?",
                "the " + BUNDLE_ALERTS + " known alerts are listed above");
        assertThat(typo.err().lines().toList()).contains("  QuantumSafeModeActive", "  Watchdog");

        BacktestRun unknown = BacktestRun.of("--alert", "Nope");
        assertUsage(unknown, "--alert Nope: no such alert in the rules; the " + BUNDLE_ALERTS
                + " known alerts are listed above");
        assertThat(unknown.err().lines().toList()).last().asString().startsWith("error: ");
    }

    @Test
    void aCandidateForAnAlertWithoutOneThresholdNamesTheAlert() {
        assertUsage(BacktestRun.of("--set", "QuantumSafeModeSLOBudgetFastBurn=0.2"),
                "--set QuantumSafeModeSLOBudgetFastBurn", "4 top-level thresholds");
        assertUsage(BacktestRun.of("--set", "Watchdog=1"), "--set Watchdog", "compares nothing");
        assertUsage(BacktestRun.of("--set", "QuantumSafetyFaultSpike"), "is not ALERT=VALUE");
        assertUsage(BacktestRun.of("--set", "QuantumSafetyFaultSpike=lots"), "'lots' is not a number");
    }

    @Test
    void badAddressesAndFilesAreBadInput() {
        assertUsage(BacktestRun.of("--prometheus.url=127.0.0.1:9090"), "--prometheus.url");
        assertUsage(BacktestRun.of("--rules", tmp.resolve("missing.yml").toString()),
                "--rules " + tmp.resolve("missing.yml"), "cannot be read");
        assertUsage(BacktestRun.of("--episodes=-1"), "--episodes -1 is negative");
    }

    @Test
    void aPrometheusThatDoesNotAnswerFailsTheRunWithOneLine() throws IOException {
        int port = closedPort();
        BacktestRun run = BacktestRun.of("--prometheus.url=http://127.0.0.1:" + port, "--alert", "Watchdog");

        assertThat(run.code()).as(run.err()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(run.err().lines().toList()).hasSize(1).first().asString()
                .startsWith("error: Prometheus at http://127.0.0.1:" + port + " did not answer")
                .contains("--prometheus.url");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void helpExplainsWithExamples() {
        BacktestRun run = BacktestRun.of("--help");

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Examples:", "quantum-safety ops backtest --from=now-30d",
                "--set QuantumSafetyFaultSpike=3", "Env: QUANTUM_SAFETY_BACKTEST_FROM", "keep_firing_for");
    }

    /** Backtest reads no install manifest: its --bundle.dir help says the jar's bundle is the default, verify's does not. */
    @Test
    void theBundleDirHelpTellsEachCommandsOwnDefault() {
        CommandLine ops = Main.newCommandLine(Map.of()).getSubcommands().get("ops");

        assertThat(optionHelp(ops.getSubcommands().get("backtest"), "--bundle.dir"))
                .contains("Default: the jar's bundle", "Env: QUANTUM_SAFETY_BUNDLE_DIR").doesNotContain("newest install");
        assertThat(optionHelp(ops.getSubcommands().get("verify"), "--bundle.dir"))
                .contains("Default: the newest install's, else the jar's bundle");
    }

    @Test
    void theBundleDirAndItsEnvTwinChooseTheRulesReplayed() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty-bundle"));

        assertUsage(BacktestRun.of("--bundle.dir=" + empty), empty.toString());
        assertUsage(BacktestRun.withEnv(Map.of("QUANTUM_SAFETY_BUNDLE_DIR", empty.toString())), empty.toString());
    }

    private static String optionHelp(CommandLine command, String option) {
        return String.join(" ", command.getCommandSpec().findOption(option).description());
    }

    @Test
    void envTwinsTakeSeveralValuesSeparatedByCommasAndABadOneIsBadInput() {
        BacktestRun set = BacktestRun.withEnv(Map.of("QUANTUM_SAFETY_BACKTEST_SET",
                "QuantumSafetyFaultSpike=3,Nope=1"));
        assertUsage(set, "--set Nope: no such alert");

        assertUsage(BacktestRun.withEnv(Map.of("QUANTUM_SAFETY_BACKTEST_FROM", "yesterday")),
                "'yesterday' is not a time");
    }
}
