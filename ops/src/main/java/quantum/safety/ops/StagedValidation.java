package quantum.safety.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import quantum.safety.ops.event.OpsEvent.FileValidated;
import quantum.safety.ops.event.OpsEvent.ValidationFailed;
import quantum.safety.ops.event.OpsListener;
import quantum.safety.ops.validate.Amtool;
import quantum.safety.ops.validate.Promtool;
import quantum.safety.ops.validate.ValidationResult;

/**
 * Runs promtool and amtool on candidate files before they go live. Rule and Alertmanager files are checked in a
 * private staging folder; the candidate prometheus.yml is staged next to the live one (under a hidden name no
 * rule_files glob matches) so its relative paths resolve exactly as they will once it is live, with its entries for
 * our rule files pointed at the staged copies, so promtool checks the config together with the new rules.
 */
final class StagedValidation {

    private final Promtool promtool;
    private final Optional<Amtool> amtool;
    private final OpsListener events;

    StagedValidation(Promtool promtool, Optional<Amtool> amtool, OpsListener events) {
        this.promtool = promtool;
        this.amtool = amtool;
        this.events = events;
    }

    /**
     * Validates every candidate (target → bytes); throws {@link OpsInputException} naming the refused file. The
     * Alertmanager templates (target → bytes, changed or not) are staged beside the staged Alertmanager config at their
     * paths relative to it, so amtool loads them through the config's {@code templates:} globs as Alertmanager will.
     */
    void validate(Map<Path, byte[]> candidates, Path prometheusConfig, List<Path> ruleFiles, Optional<Path> amConfig,
                  Map<Path, byte[]> amTemplates) {
        Path stage;
        try {
            stage = Files.createTempDirectory("quantum-safety-stage-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a staging folder: " + e.getMessage(), e);
        }
        try {
            List<Path> stagedRules = new ArrayList<>();
            Map<String, String> redirect = new java.util.LinkedHashMap<>();
            for (Path rule : ruleFiles) {
                if (candidates.containsKey(rule)) {
                    Path staged = write(stage.resolve(rule.getFileName().toString()), candidates.get(rule));
                    stagedRules.add(staged);
                    redirect.put(rule.toString(), staged.toString());
                }
            }
            if (!stagedRules.isEmpty()) {
                report(promtool.checkRules(stagedRules), "rule files " + ruleFiles);
            }
            if (amConfig.isPresent() && candidates.containsKey(amConfig.get())) {
                Path amStage = Files.createDirectories(stage.resolve("alertmanager"));
                for (Map.Entry<Path, byte[]> template : amTemplates.entrySet()) {
                    Path staged = amStage.resolve(amConfig.get().getParent().relativize(template.getKey())).normalize();
                    Files.createDirectories(staged.getParent());
                    write(staged, template.getValue());
                }
                Path staged = write(amStage.resolve("alertmanager.yml"), candidates.get(amConfig.get()));
                report(amtool.orElseThrow().checkConfig(staged), amConfig.get() + (amTemplates.isEmpty() ? ""
                        : " with templates " + amTemplates.keySet()));
            }
            if (candidates.containsKey(prometheusConfig)) {
                Path staged = prometheusConfig.resolveSibling("." + prometheusConfig.getFileName() + ".qs-staged");
                try {
                    // promtool insists that a rule file named literally exists: point our entries at the staged copies.
                    String text = new String(candidates.get(prometheusConfig), java.nio.charset.StandardCharsets.UTF_8);
                    for (Map.Entry<String, String> r : redirect.entrySet()) {
                        text = text.replace(r.getKey(), r.getValue());
                    }
                    write(staged, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    report(promtool.checkConfig(staged), prometheusConfig.toString());
                } finally {
                    deleteQuietly(staged);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the Alertmanager files: " + e.getMessage(), e);
        } finally {
            try (var files = Files.walk(stage)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(StagedValidation::deleteQuietly);
            } catch (IOException ignored) {
                // a leftover staging folder in /tmp is harmless
            }
        }
    }

    private void report(ValidationResult result, String what) {
        if (!result.ok()) {
            events.on(new ValidationFailed(result.command(), what, result.summary()));
            throw new OpsInputException(Path.of(result.command().split(" ")[0]).getFileName() + " refused the candidate "
                    + what + ": " + result.summary() + " — nothing was changed");
        }
        events.on(new FileValidated(result.command(), what));
    }

    private static Path write(Path file, byte[] content) {
        try {
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
