package quantum.safety.cli.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code quantum-safety ops}: safe changes to Prometheus, Alertmanager and Grafana files. */
@Command(name = "ops", mixinStandardHelpOptions = true,
        description = {"Safe operations on the monitoring integration: install, verify, roll back, list backups, emit the Grafana import payload, backtest the alerts on past data.",
                "Every change is validated with promtool/amtool before it goes live, backed up, written atomically, "
                        + "reloaded and verified."},
        subcommands = {InstallCommand.class, VerifyCommand.class, RollbackCommand.class, BackupsCommand.class,
                GrafanaPayloadCommand.class, quantum.safety.cli.ops.backtest.BacktestCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Examples:",
                "  quantum-safety ops install --prometheus.config=/etc/prometheus/prometheus.yml --prometheus.rules-dir=/etc/prometheus/rules --dry-run",
                "  quantum-safety ops verify --prometheus.url=http://127.0.0.1:9091",
                "  quantum-safety ops rollback --prometheus.config=/etc/prometheus/prometheus.yml",
                "  quantum-safety ops backtest --from=7d --set QuantumSafetyFaultSpike=3"})
public final class OpsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: install, verify, rollback, backups, grafana-payload or backtest");
    }
}
