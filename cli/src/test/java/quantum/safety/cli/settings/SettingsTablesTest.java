package quantum.safety.cli.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Member;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import picocli.CommandLine.Model.OptionSpec;
import quantum.safety.cli.ctl.CtlSetting;
import quantum.safety.kernel.settings.Setting;
import quantum.safety.kernel.settings.SettingRow;

/** The picocli options and the settings tables cannot drift apart: each side names only what the other has. */
class SettingsTablesTest {

    /**
     * The classes whose options are no settings, and why. Each is one invocation's input, which an exported variable
     * must not repeat on the next run; none has an env twin or a default from the environment.
     */
    private static final Map<String, String> NOT_SETTINGS = Map.of(
            "quantum.safety.cli.kernel.DecideCommand", "the intent to decide on",
            "quantum.safety.cli.ctl.SafeModeCommand$On$Length", "how long this one SAFE MODE lasts",
            "quantum.safety.cli.ctl.StatusCommand", "what this look at the state shows",
            "quantum.safety.cli.ctl.FaultsCommand", "which faults this query lists",
            "quantum.safety.cli.ctl.TopCommand", "what this look at the rate windows shows");

    /** Flags with a row but deliberately no env twin, and why. */
    private static final Map<Setting, String> ARGV_ONLY = Map.of(
            CtlSetting.REASON.setting(), "a reason belongs to one change; exported, it would be recorded on the next");

    @Test
    void everyOptionOfATableClassHasItsRowAndNoDefaultOfItsOwn() {
        List<String> checked = new ArrayList<>();
        for (CommandOptions.Taken taken : CommandOptions.all()) {
            OptionSpec option = taken.option();
            if (option.userObject() instanceof Member member
                    && member.getDeclaringClass().isAnnotationPresent(SettingsFrom.class)) {
                String what = taken.command() + " " + option.longestName() + " in "
                        + member.getDeclaringClass().getSimpleName();
                assertThat(OptionSettings.of(option)).as(what).isPresent();
                assertThat(option.defaultValue()).as(what + " declares its default in the table").isNull();
                checked.add(option.longestName());
            }
        }
        assertThat(checked).contains("--window", "--global-max", "--redis.addr", "--log.level",
                "--web.listen-address", "--seed", "--prometheus.url", "--verify.timeout", "--json", "--output",
                "--actor", "--yes");
    }

    @Test
    void everyOptionOfEveryCommandComesFromATableOrIsOnTheShortListOfNonSettings() {
        Set<String> outside = new TreeSet<>();
        Set<String> listedAndSeen = new HashSet<>();
        for (CommandOptions.Taken taken : CommandOptions.all()) {
            OptionSpec option = taken.option();
            if (option.usageHelp() || option.versionHelp() || OptionSettings.of(option).isPresent()) {
                continue;
            }
            String declaredIn = option.userObject() instanceof Member member ? member.getDeclaringClass().getName()
                    : String.valueOf(option.userObject());
            if (NOT_SETTINGS.containsKey(declaredIn)) {
                listedAndSeen.add(declaredIn);
            } else {
                outside.add(taken.command() + " " + option.longestName() + " (" + declaredIn + ")");
            }
        }

        assertThat(outside).as("options neither in a settings table nor on the list of non-settings").isEmpty();
        assertThat(listedAndSeen).as("the list names only classes that still declare options")
                .containsExactlyInAnyOrderElementsOf(NOT_SETTINGS.keySet());
    }

    @Test
    void everyRowWithAFlagIsAnOptionOfSomeCommand() {
        Set<Setting> used = new HashSet<>();
        CommandOptions.all().forEach(taken -> OptionSettings.of(taken.option()).ifPresent(used::add));

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
                if (s.flag().isPresent() && !s.flag().get().startsWith("--no-") && !ARGV_ONLY.containsKey(s)) {
                    assertThat(s.env()).as(table.getSimpleName() + "." + row + " has an env twin").isPresent();
                }
            }
            assertThat(names).as(table.getSimpleName()).doesNotHaveDuplicates();
        }
        ARGV_ONLY.keySet().forEach(s -> assertThat(s.envNames()).as(s + " is argv only").isEmpty());
    }

    /** Defaults and env twins come from the tables only: picocli's own env lookup would bypass their rules. */
    @Test
    void noOptionReadsTheEnvironmentByItself() throws IOException {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (Files.readString(file, StandardCharsets.UTF_8).contains("${env:")) {
                    hits.add(file.toString());
                }
            }
        }
        assertThat(hits).isEmpty();
    }

    @Test
    void theHelpOfATableOptionShowsItsEnvNamesAndDefault() {
        Setting window = quantum.safety.kernel.KernelSetting.WINDOW.setting();

        assertThat(SettingHelp.describe(window)).containsExactly(window.help(), "Env: QUANTUM_SAFETY_WINDOW_SEC,",
                "legacy SAFETY_WINDOW_SEC. Default: 10.");
        assertThat(SettingHelp.describe(quantum.safety.cli.LoggingSetting.LEVEL.setting()))
                .containsExactly("debug, info, warn or error.", "Env: QUANTUM_SAFETY_LOG_LEVEL. Default: info.");
    }
}
