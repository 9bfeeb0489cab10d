package quantum.safety.cli.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code quantum-safety ops}: operations on the monitoring bundle (Prometheus, Alertmanager, Grafana files). */
@Command(name = "ops",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Operations on the monitoring bundle that ships in this jar: Prometheus rules, Alertmanager "
                        + "configuration, Grafana dashboard, systemd unit.",
                "",
                "Example: quantum-safety ops grafana-payload --folder-uid=quantum-trader --overwrite"},
        subcommands = {
                GrafanaPayloadCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class OpsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "'ops' needs a subcommand, e.g. 'quantum-safety ops grafana-payload'");
    }
}
