package quantum.safety.ops.validate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code promtool check config} and {@code promtool check rules}: Prometheus' own verdict on a file. */
public final class Promtool {

    private final ToolRunner runner;

    public Promtool(ToolRunner runner) {
        this.runner = runner;
    }

    public static Promtool locate(String configured) {
        return new Promtool(ToolRunner.locate("--promtool", configured, "prometheus"));
    }

    /** Checks a config and every rule file its {@code rule_files} globs find (relative to the config's folder). */
    public ValidationResult checkConfig(Path config) {
        return runner.run(List.of("check", "config", config.toString()));
    }

    public ValidationResult checkRules(List<Path> ruleFiles) {
        List<String> args = new ArrayList<>(List.of("check", "rules"));
        ruleFiles.forEach(f -> args.add(f.toString()));
        return runner.run(args);
    }
}
