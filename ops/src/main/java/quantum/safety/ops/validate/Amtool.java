package quantum.safety.ops.validate;

import java.nio.file.Path;
import java.util.List;

/** {@code amtool check-config}: Alertmanager's own verdict on its config. */
public final class Amtool {

    private final ToolRunner runner;

    public Amtool(ToolRunner runner) {
        this.runner = runner;
    }

    public static Amtool locate(String configured) {
        return new Amtool(ToolRunner.locate("--amtool", configured, "prometheus-alertmanager"));
    }

    public ValidationResult checkConfig(Path config) {
        return runner.run(List.of("check-config", config.toString()));
    }
}
