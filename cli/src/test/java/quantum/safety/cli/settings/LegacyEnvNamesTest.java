package quantum.safety.cli.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import quantum.safety.kernel.settings.SettingRow;

/**
 * The legacy env names are a compatibility promise, spelled in one place: each appears on exactly one line of main
 * code, the row of its settings table. Everything else (parsing, help, error messages, the README) names it through
 * the row.
 */
class LegacyEnvNamesTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void eachLegacyEnvNameIsSpelledOnceInMainCodeInItsTable() throws IOException {
        Set<String> tableFiles = new TreeSet<>();
        Set<String> legacyNames = new TreeSet<>();
        for (Class<? extends SettingRow> table : SettingsTables.ALL) {
            tableFiles.add(table.getSimpleName() + ".java");
            SettingsTables.rows(table).forEach(row -> row.setting().legacyEnv().ifPresent(legacyNames::add));
        }
        List<Path> sources = mainSources();

        assertThat(legacyNames).contains("SAFETY_WINDOW_SEC", "SAFETY_GLOBAL_MAX_INTENTS_PER_WINDOW", "REDIS_HOST",
                "REDIS_PORT", "REDIS_PASSWORD", "PORT", "SAMPLE_INTERVAL_SEC", "FAULT_LOOKBACK_MAX");
        for (String name : legacyNames) {
            // The name on its own: not part of a longer name (QUANTUM_SAFETY_WINDOW_SEC) nor of HOST:PORT.
            Pattern alone = Pattern.compile("(?<![A-Za-z0-9_:\\]])" + name + "(?![A-Za-z0-9_])|env:" + name);
            List<String> hits = new ArrayList<>();
            for (Path source : sources) {
                List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    if (alone.matcher(lines.get(i)).find()) {
                        hits.add(ROOT.relativize(source) + ":" + (i + 1));
                    }
                }
            }
            assertThat(hits).as(name + " in main code").hasSize(1);
            assertThat(tableFiles).as(name + " is spelled in " + hits.get(0))
                    .anyMatch(file -> hits.get(0).contains("/" + file + ":"));
        }
    }

    private static List<Path> mainSources() throws IOException {
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.toList()) {
                Path main = module.resolve("src/main/java");
                if (Files.isDirectory(main)) {
                    try (Stream<Path> files = Files.walk(main)) {
                        files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
                    } catch (UncheckedIOException e) {
                        throw e.getCause();
                    }
                }
            }
        }
        assertThat(sources).hasSizeGreaterThan(100);
        return sources;
    }
}
