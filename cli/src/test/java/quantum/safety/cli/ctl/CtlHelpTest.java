package quantum.safety.cli.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import quantum.safety.cli.Main;

class CtlHelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "status", "safe-mode", "safe-mode on", "safe-mode off", "kill", "faults", "top"})
    void everyCommandsHelpEndsWithExamples(String command) {
        String[] args = (command + " --help").strip().split(" ");
        Ctl.Run run = Ctl.run(null, args);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Example").contains("quantum-safety ctl " + command.strip());
    }

    @Test
    void everyFlagOfEveryCtlCommandIsExplained() {
        List<CommandLine> commands = new ArrayList<>();
        collect(Main.newCommandLine().getSubcommands().get("ctl"), commands);

        assertThat(commands).hasSizeGreaterThanOrEqualTo(7);
        for (CommandLine command : commands) {
            for (OptionSpec option : command.getCommandSpec().options()) {
                assertThat(String.join(" ", option.description()))
                        .as(command.getCommandName() + " " + option.longestName()).hasSizeGreaterThan(15);
            }
        }
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().forEach(c -> collect(c, into));
    }
}
