package quantum.safety.cli.ops;

import picocli.CommandLine.Option;

/** The validators: nothing goes live that they did not accept. */
public final class ToolOptions {

    @Option(names = "--promtool", paramLabel = "PATH", defaultValue = "${env:QUANTUM_SAFETY_PROMTOOL:-promtool}",
            description = "promtool to validate configs and rules (name on PATH or a path). Env: QUANTUM_SAFETY_PROMTOOL. "
                    + "Default: ${DEFAULT-VALUE}.")
    String promtool;

    @Option(names = "--amtool", paramLabel = "PATH", defaultValue = "${env:QUANTUM_SAFETY_AMTOOL:-amtool}",
            description = "amtool to validate the Alertmanager config. Env: QUANTUM_SAFETY_AMTOOL. Default: ${DEFAULT-VALUE}.")
    String amtool;

    public String promtool() {
        return promtool;
    }

    public String amtool() {
        return amtool;
    }
}
