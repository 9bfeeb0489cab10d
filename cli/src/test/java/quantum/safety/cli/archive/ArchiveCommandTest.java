package quantum.safety.cli.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;
import quantum.safety.cli.Main;

/** The archive command in process: its help and its answers to bad input (exit 2, one line, no secret). */
class ArchiveCommandTest {

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.newCommandLine(args, java.util.Map.of());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void theHelpExplainsEveryFlagWithItsEnvTwinAndExamples() {
        Run help = run("archive", "--help");
        assertThat(help.exitCode()).isZero();
        for (String flag : List.of("--archive.url", "--archive.password-file", "--archive.batch-size",
                "--archive.block", "--web.listen-address", "--web.config.file", "--redis.addr", "--log.level")) {
            assertThat(help.out()).contains(flag);
        }
        assertThat(help.out()).contains("QUANTUM_SAFETY_ARCHIVE_URL", "QUANTUM_SAFETY_ARCHIVE_PASSWORD_FILE",
                "PGHOST", "Examples:", "--archive.url='host=db1", "/-/ready");
        assertThat(help.out().lines()).as("every endpoint on a line of its own, no sentence broken across lines")
                .anyMatch(l -> l.startsWith("  /audit ")).anyMatch(l -> l.startsWith("  /metrics "))
                .anyMatch(l -> l.contains("/-/ready") && l.endsWith("answer and the schema is migrated"))
                .noneMatch(l -> l.endsWith("Redis and PostgreSQL"));
    }

    @Test
    void aPasswordInTheUrlFlagIsRefusedWithExit2AndNotRepeated() {
        Run run = run("archive", "--archive.url=postgresql://archive:hunter2@db1/audit");
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err().lines().toList()).singleElement().asString().startsWith("error: --archive.url holds a "
                + "password").contains("--archive.password-file").doesNotContain("hunter2");
    }

    @Test
    void aBadUrlOrSettingIsExit2WithALineNamingIt() {
        List<List<String>> cases = List.of(
                List.of("--archive.url=mysql://db1/x", "--archive.url is not a PostgreSQL URL"),
                List.of("--archive.url=postgresql://db1/x?sslmode=sometimes", "sslmode sometimes is not one of"),
                List.of("--archive.url=postgresql://db1/x?bogus=1", "has the parameter 'bogus'"),
                List.of("--archive.password-file=" + dir.resolve("none"), "--archive.password-file"),
                List.of("--archive.batch-size=0", "--archive.batch-size=0 is out of range"),
                List.of("--archive.block=0s", "--archive.block=0ms is out of range"),
                List.of("--web.listen-address=", "--web.listen-address is empty"));
        for (List<String> c : cases) {
            Run run = run("archive", c.get(0));
            assertThat(run.exitCode()).as(c.get(0)).isEqualTo(Main.EXIT_USAGE);
            assertThat(run.err().lines().toList()).as(c.get(0)).singleElement().asString().startsWith("error: ")
                    .contains(c.get(1));
        }
    }
}
