package quantum.safety.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine;

/**
 * {@code exporter} and {@code kernel} run on a command line that holds them alone; whatever a user types must get the
 * same answer, the same output and the same exit code as from the whole tree.
 */
class LongRunningCommandLineTest {

    private static final Map<String, String> ENV = Map.of("COLUMNS", "120");

    private record Run(int code, String out, String err) {
    }

    private static Run run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "exporter --help", "exporter -h", "exporter --version", "exporter --no-such-flag", "exporter --window=1.5s",
            "exporter --faults.top-symbols=-1", "exporter --web.listen-address= ", "exporter extra-argument",
            "kernel --help", "kernel serve --help", "kernel decide --help", "kernel decide --side=HOLD --symbol=X",
            "kernel serve --service.threads=0", "kernel nothing"})
    void answersAsTheWholeTreeDoes(String line) {
        String[] args = line.split(" ");
        Run whole = run(Main.newCommandLine(ENV), args);
        Run alone = run(Main.newCommandLine(args, ENV), args);
        assertThat(alone).isEqualTo(whole);
        assertThat(whole.out() + whole.err()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ctl status --help", "--help", "ops install --help"})
    void otherCommandsGetTheWholeTree(String line) {
        String[] args = line.split(" ");
        assertThat(Main.newCommandLine(args, ENV).getSubcommands()).containsKeys("exporter", "ctl", "ops", "demo");
    }

    @ParameterizedTest
    @ValueSource(strings = {"exporter", "kernel"})
    void aLongRunningCommandIsBuiltAlone(String command) {
        assertThat(Main.newCommandLine(new String[] {command}, ENV).getSubcommands()).containsOnlyKeys(command);
    }
}
