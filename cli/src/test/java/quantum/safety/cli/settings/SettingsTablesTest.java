package quantum.safety.cli.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import quantum.safety.cli.Main;
import quantum.safety.kernel.settings.Setting;
import quantum.safety.kernel.settings.SettingRow;

/** The picocli options and the settings tables cannot drift apart: each side names only what the other has. */
class SettingsTablesTest {

    @Test
    void everyOptionOfATableClassHasItsRowAndNoDefaultOfItsOwn() {
        List<String> checked = new ArrayList<>();
        for (OptionSpec option : options(Main.newCommandLine())) {
            if (option.userObject() instanceof java.lang.reflect.Member member
                    && member.getDeclaringClass().isAnnotationPresent(SettingsFrom.class)) {
                assertThat(OptionSettings.of(option)).as(option.longestName() + " in "
                        + member.getDeclaringClass().getSimpleName()).isPresent();
                assertThat(option.defaultValue()).as(option.longestName() + " declares its default in the table")
                        .isNull();
                checked.add(option.longestName());
            }
        }
        assertThat(checked).contains("--window", "--global-max", "--redis.addr", "--log.level",
                "--web.listen-address", "--seed");
    }

    @Test
    void everyRowWithAFlagIsAnOptionOfSomeCommand() {
        Set<Setting> used = new HashSet<>();
        options(Main.newCommandLine()).forEach(option -> OptionSettings.of(option).ifPresent(used::add));

        for (Class<? extends SettingRow> table : SettingsTables.ALL) {
            for (SettingRow row : SettingsTables.rows(table)) {
                if (row.setting().flag().isPresent()) {
                    assertThat(used).as(table.getSimpleName() + "." + row).contains(row.setting());
                }
            }
        }
    }

    /** Flags, env names and legacy names are unique within a table; each flag but a negation has an env twin. */
    @Test
    void namesAreUniqueWithinATableAndFlagsHaveEnvTwins() {
        for (Class<? extends SettingRow> table : SettingsTables.ALL) {
            List<String> names = new ArrayList<>();
            for (SettingRow row : SettingsTables.rows(table)) {
                Setting s = row.setting();
                s.flag().ifPresent(names::add);
                names.addAll(s.envNames());
                if (s.flag().isPresent() && !s.flag().get().startsWith("--no-")) {
                    assertThat(s.env()).as(table.getSimpleName() + "." + row + " has an env twin").isPresent();
                }
            }
            assertThat(names).as(table.getSimpleName()).doesNotHaveDuplicates();
        }
    }

    @Test
    void theHelpOfATableOptionShowsItsEnvNamesAndDefault() {
        Setting window = quantum.safety.kernel.KernelSetting.WINDOW.setting();

        assertThat(SettingHelp.describe(window)).containsExactly(window.help(), "Env: QUANTUM_SAFETY_WINDOW_SEC,",
                "legacy SAFETY_WINDOW_SEC. Default: 10.");
        assertThat(SettingHelp.describe(quantum.safety.cli.LoggingSetting.LEVEL.setting()))
                .containsExactly("debug, info, warn or error.", "Env: QUANTUM_SAFETY_LOG_LEVEL. Default: info.");
    }

    private static List<OptionSpec> options(CommandLine command) {
        List<OptionSpec> all = new ArrayList<>(command.getCommandSpec().options());
        command.getSubcommands().values().forEach(sub -> all.addAll(options(sub)));
        return all;
    }
}
