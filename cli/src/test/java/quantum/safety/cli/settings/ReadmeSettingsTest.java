package quantum.safety.cli.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import quantum.safety.cli.ops.OpsSetting;
import quantum.safety.kernel.settings.Setting;

/**
 * The settings tables of the README and of docs/*.md are generated from the settings tables in the code: this test
 * writes each regenerated document under {@code cli/target/settings-docs/} and fails when a document differs.
 * {@code -Dreadme.update=true} writes them in place.
 */
class ReadmeSettingsTest {

    static final String REGENERATE = "mvn -B -q -pl kernel,exporter,cli -am verify -Dtest=ReadmeSettingsTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dreadme.update=true";
    private static final Path GENERATED = Path.of("target/settings-docs");

    @Test
    void theDocumentsSettingsTablesAreTheCodes() throws IOException {
        Map<Setting, List<String>> users = CommandOptions.users();
        SoftAssertions softly = new SoftAssertions();
        for (Path document : SettingsTables.documents()) {
            Path name = SettingsTables.ROOT.relativize(document);
            String current = Files.readString(document, StandardCharsets.UTF_8);
            String generated = SettingsMarkdown.regenerate(current, users);
            Path copy = GENERATED.resolve(name);
            Files.createDirectories(copy.getParent());
            Files.writeString(copy, generated, StandardCharsets.UTF_8);
            if (Boolean.getBoolean("readme.update") && !generated.equals(current)) {
                Files.writeString(document, generated, StandardCharsets.UTF_8);
                current = generated;
            }
            softly.assertThat(current).as(name + "'s settings tables differ from the settings tables in the code; "
                    + "cli/" + copy + " is the regenerated file. Regenerate with: " + REGENERATE
                    + " and review the diff").isEqualTo(generated);
        }
        softly.assertAll();
    }

    /** Each table is in exactly one place, and a marker that the generator would not see is an error, not a no-op. */
    @Test
    void theDocumentsHoldEachTableOnceBetweenWellFormedMarkers() throws IOException {
        List<String> sections = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (Path document : SettingsTables.documents()) {
            String text = Files.readString(document, StandardCharsets.UTF_8);
            Matcher m = SettingsMarkdown.SECTION.matcher(text);
            int found = 0;
            while (m.find()) {
                sections.add(m.group(2));
                found++;
            }
            assertThat(lines(text, SettingsMarkdown.MARKER)).as(document + ": opening markers").isEqualTo(found);
            assertThat(lines(text, SettingsMarkdown.END_MARKER)).as(document + ": closing markers").isEqualTo(found);
            files.add(SettingsTables.ROOT.relativize(document).toString());
        }

        assertThat(sections).containsExactlyInAnyOrderElementsOf(SettingsTables.SECTIONS.keySet());
        assertThat(files).contains("README.md", "docs/operations.md");
    }

    @Test
    void aRowIsOneLineWithEscapedBars() {
        Setting setting = Setting.builder()
                .flag("--fail-policy").env("QUANTUM_SAFETY_FAIL_POLICY").defaultValue("closed").unit("open|closed")
                .help("closed blocks | open allows").build();

        assertThat(SettingsMarkdown.row(setting)).isEqualTo("| `--fail-policy` | `QUANTUM_SAFETY_FAIL_POLICY` | – | "
                + "`closed` | open\\|closed | closed blocks \\| open allows |");
        assertThat(SettingsMarkdown.row(setting, List.of("ops install", "doctor"))).endsWith(
                "| `ops install`, `doctor` — closed blocks \\| open allows |");
    }

    @Test
    void theCommandsThatTakeASharedFlagAreFoundOnTheCommandLine() {
        Map<Setting, List<String>> users = CommandOptions.users();

        assertThat(users.get(OpsSetting.VERIFY_TIMEOUT.setting()))
                .containsExactly("ops install", "ops rollback");
        assertThat(users.get(OpsSetting.ASSUME_YES.setting()))
                .containsExactly("ctl safe-mode on", "ctl safe-mode off", "ctl kill", "ops install", "ops rollback");
        assertThat(users.get(OpsSetting.PROMETHEUS_URL.setting()))
                .containsExactly("ops install", "ops verify", "ops rollback", "ops backups", "doctor");
    }

    /** Lines that start with the marker: prose may quote a marker, a marker is a line of its own. */
    private static long lines(String text, String marker) {
        return text.lines().filter(line -> line.startsWith(marker)).count();
    }
}
