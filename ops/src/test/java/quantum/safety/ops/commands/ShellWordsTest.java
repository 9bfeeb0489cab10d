package quantum.safety.ops.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import quantum.safety.ops.backup.InstallSetup;
import quantum.safety.process.ChildProcess;

/** What a printed command means is what a real POSIX shell makes of it, so the shell itself is asked. */
class ShellWordsTest {

    private static final List<String> AWKWARD = List.of("/etc/prometheus/prometheus.yml", "/tmp/with space/x.yml",
            "it's", "'", "$(touch /tmp/pwned)", "`id`", "a\"b", "back\\slash", "*", "[::1]:9105", "~root", "a;b|c&d",
            "line\nbreak", "", "--flag=value", "tab\there", "üñí", "#not-a-comment", "!bang");

    /** The words {@code sh} splits {@code line} into, as the program it runs would receive them. */
    private static List<String> shellWords(String line) throws Exception {
        ChildProcess.Completed run = ChildProcess.run(new ProcessBuilder("sh", "-c", "printf '%s\\0' " + line), "",
                Duration.ofSeconds(10));
        assertThat(run.exitCode()).as(run.errors()).isZero();
        String out = run.output();
        return out.isEmpty() ? List.of() : Arrays.asList(out.substring(0, out.length() - 1).split("\0", -1));
    }

    @Test
    void everyValueReachesTheCommandAsOneWordExactlyAsItWas() throws Exception {
        for (String value : AWKWARD) {
            assertThat(shellWords(ShellWords.quote(value))).as(value).containsExactly(value);
            assertThat(shellWords(ShellWords.flag("--backup.dir", value))).as(value).containsExactly("--backup.dir=" + value);
        }
    }

    @Test
    void plainValuesStayReadable() {
        assertThat(ShellWords.flag("--prometheus.url", "http://127.0.0.1:9091"))
                .isEqualTo("--prometheus.url=http://127.0.0.1:9091");
        assertThat(ShellWords.quote("/etc/prometheus/prometheus.yml")).isEqualTo("/etc/prometheus/prometheus.yml");
        assertThat(ShellWords.quote("it's")).isEqualTo("'it'\\''s'");
    }

    @Test
    void aPrintedCommandSplitsIntoTheFlagsOfTheSetupItWasMadeFrom() throws Exception {
        InstallSetup setup = InstallSetup.builder().prometheusConfig(java.nio.file.Path.of("/srv/my prom/it's.yml"))
                .prometheusUrl("http://127.0.0.1:9091").backupDir(java.nio.file.Path.of("/srv/$HOME/backups"))
                .alertmanagerUrl("http://127.0.0.1:9093").build();

        List<String> words = shellWords(new OperatorCommands(setup).rollback("install_qs_20260119_034418"));

        assertThat(words).containsExactly("quantum-safety", "ops", "rollback", "--prometheus.config=/srv/my prom/it's.yml",
                "--prometheus.url=http://127.0.0.1:9091", "--alertmanager.url=http://127.0.0.1:9093",
                "--backup.dir=/srv/$HOME/backups", "--to=install_qs_20260119_034418", "--yes");
    }
}
