package quantum.safety.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class MainTest {

    @Test
    void versionNamesTheBuild() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.newCommandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--version")).isZero();
        assertThat(out.toString()).startsWith("quantum-safety 0.1.0-SNAPSHOT");
    }

    @Test
    void anUnknownFlagExitsWithUsageCodeAndOneClearLine() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.newCommandLine();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("--no-such-flag")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("--no-such-flag").contains("--help");
    }
}
