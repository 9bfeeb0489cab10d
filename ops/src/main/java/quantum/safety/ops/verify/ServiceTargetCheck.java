package quantum.safety.ops.verify;

import java.util.List;
import java.util.stream.Collectors;

import quantum.safety.ops.commands.OperatorCommands;
import quantum.safety.ops.prometheus.PrometheusApi.Target;

/**
 * The decision service's job has active targets in Prometheus, all {@code up}. Never a failure, only a warning:
 * the service runs as its own unit, may be deployed after the monitoring or on some hosts only, and the exporter's
 * metrics and alerts work without it, so an install is not rolled back for it. A target that stays down pages all the
 * same (QuantumSafetyDecisionServiceDown): the fix says how to start the service, or, on a host that runs none, to
 * install with the job left out ({@code --job.decision-service=false}). Looks at nothing when there is no such job to
 * look at ({@link VerifySettings#serviceJob()} empty: the bundle lacks it, or the install left it out).
 */
public final class ServiceTargetCheck implements Check {

    @Override
    public String title() {
        return "decision service job scraped and up (warns only)";
    }

    @Override
    public List<CheckResult> run(Observations o, VerifySettings s) {
        if (s.serviceJob().isEmpty()) {
            return List.of();
        }
        String job = s.serviceJob().get();
        String name = "job " + job + " scraped and up";
        if (!o.targets().ok()) {
            return List.of(CheckResult.skipped(Section.PROMETHEUS_SCRAPING, name,
                    "Prometheus unreachable: " + o.targets().error()));
        }
        List<Target> ours = o.targets().value().stream().filter(t -> t.job().equals(job)).toList();
        boolean jobChosen = s.setup().decisionServiceJobOrDefault();
        if (ours.isEmpty()) {
            return List.of(CheckResult.warning(Section.PROMETHEUS_SCRAPING, name,
                    "Prometheus at " + s.prometheus().baseUrl() + " has no active target of job " + job
                            + ": the decision service is not monitored",
                    jobChosen ? "install the bundle, which adds the job and reloads Prometheus: "
                            + s.commands().install(null) + "; on a host that runs no decision service, leave the job "
                            + "out instead: " + s.commands().install(null, OperatorCommands.NO_DECISION_SERVICE_JOB)
                            : "the job in prometheus.yml is yours (install left it, not having added it): give it a "
                            + "target and reload Prometheus, or delete it"));
        }
        String evidence = ours.stream().map(TargetHealthCheck::describe).collect(Collectors.joining("\n"));
        if (ours.stream().allMatch(t -> "up".equals(t.health()))) {
            return List.of(CheckResult.passed(Section.PROMETHEUS_SCRAPING, name, evidence));
        }
        return List.of(CheckResult.warning(Section.PROMETHEUS_SCRAPING, name, evidence
                        + "\nthe decision service is not deployed there, down, or not scraped yet",
                "start it where the target points (systemctl enable --now quantum-safety-kernel; it listens on "
                        + "127.0.0.1:9106 unless QUANTUM_SAFETY_SERVICE_LISTEN_ADDRESS says otherwise), or correct the "
                        + "target of job " + job + " in prometheus.yml (install keeps it). While a target is down "
                        + "QuantumSafetyDecisionServiceDown pages; on a host that runs no decision service, "
                        + (jobChosen ? "install with the job left out, which takes it out of prometheus.yml: "
                        + s.commands().install(null, OperatorCommands.NO_DECISION_SERVICE_JOB)
                        : "delete the job from prometheus.yml (install does not take out a job it did not add)")
                        + " (docs/runbooks.md#quantumsafetydecisionservicedown)"));
    }
}
