package quantum.safety.cli.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;

/**
 * The README's settings tables are generated from the settings tables: this test writes the regenerated README to
 * {@code cli/target/README.md} and fails when the README differs. {@code -Dreadme.update=true} writes it in place.
 */
class ReadmeSettingsTest {

    static final Path README = Path.of("../README.md");
    static final String REGENERATE = "mvn -B -q -pl kernel,exporter,cli -am verify -Dtest=ReadmeSettingsTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dreadme.update=true";

    @Test
    void theReadmesSettingsTablesAreTheCodes() throws IOException {
        String current = Files.readString(README, StandardCharsets.UTF_8);
        String generated = SettingsMarkdown.regenerate(current);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/README.md"), generated, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("readme.update")) {
            Files.writeString(README, generated, StandardCharsets.UTF_8);
            current = generated;
        }

        assertThat(current).as("README.md's settings tables differ from the settings tables in the code; "
                + "cli/target/README.md is the regenerated README. Regenerate with: " + REGENERATE
                + " and review the diff").isEqualTo(generated);
    }

    @Test
    void theReadmeHasEachTableOnce() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Matcher m = SettingsMarkdown.SECTION.matcher(readme);
        java.util.List<String> sections = new java.util.ArrayList<>();
        while (m.find()) {
            sections.add(m.group(2));
        }

        assertThat(sections).containsExactlyInAnyOrderElementsOf(SettingsTables.README_SECTIONS.keySet());
    }

    @Test
    void aRowIsOneLineWithEscapedBars() {
        quantum.safety.kernel.settings.Setting setting = quantum.safety.kernel.settings.Setting.builder()
                .flag("--fail-policy").env("QUANTUM_SAFETY_FAIL_POLICY").defaultValue("closed").unit("open|closed")
                .help("closed blocks | open allows").build();

        assertThat(SettingsMarkdown.row(setting)).isEqualTo("| `--fail-policy` | `QUANTUM_SAFETY_FAIL_POLICY` | – | "
                + "`closed` | open\\|closed | closed blocks \\| open allows |");
    }
}
