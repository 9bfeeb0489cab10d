package quantum.safety.ops.verify;

import java.util.List;
import java.util.stream.Collectors;

import quantum.safety.ops.bundle.ServiceJob;
import quantum.safety.ops.prometheus.PrometheusApi.Target;

/**
 * A service's job (the decision service's, the audit archive's) has active targets in Prometheus, all {@code up}.
 * Never a failure, only a warning: the service runs as its own unit, may be deployed after the monitoring or on some
 * hosts only, and the exporter's metrics and alerts work without it, so an install is not rolled back for it. A target
 * that stays down alerts all the same ({@link ServiceJob#downAlert()}): the fix says how to start the service, or, on
 * a host that runs none, to install with the job left out ({@link ServiceJob#leaveOutFlag()}). Looks at nothing when
 * there is no such job to look at ({@link VerifySettings#jobOf} empty: the bundle lacks it, or the install left it out).
 */
public final class ServiceTargetCheck implements Check {

    private final ServiceJob service;

    /** The decision service's job. */
    public ServiceTargetCheck() {
        this(ServiceJob.DECISION_SERVICE);
    }

    public ServiceTargetCheck(ServiceJob service) {
        this.service = service;
    }

    public ServiceJob service() {
        return service;
    }

    @Override
    public String title() {
        return service.what() + " job scraped and up (warns only)";
    }

    @Override
    public List<CheckResult> run(Observations o, VerifySettings s) {
        if (s.jobOf(service).isEmpty()) {
            return List.of();
        }
        String job = s.jobOf(service).get();
        String name = "job " + job + " scraped and up";
        if (!o.targets().ok()) {
            return List.of(CheckResult.skipped(Section.PROMETHEUS_SCRAPING, name,
                    "Prometheus unreachable: " + o.targets().error()));
        }
        List<Target> ours = o.targets().value().stream().filter(t -> t.job().equals(job)).toList();
        boolean jobChosen = s.setup().chosen(service);
        String leaveOut = s.commands().install(null, service.leaveOutFlag());
        if (ours.isEmpty()) {
            return List.of(CheckResult.warning(Section.PROMETHEUS_SCRAPING, name,
                    "Prometheus at " + s.prometheus().baseUrl() + " has no active target of job " + job
                            + ": the " + service.what() + " is not monitored",
                    jobChosen ? "install the bundle, which adds the job and reloads Prometheus: "
                            + s.commands().install(null) + "; on a host that runs no " + service.what()
                            + ", leave the job out instead: " + leaveOut
                            : "the job in prometheus.yml is yours (install left it, not having added it): give it a "
                            + "target and reload Prometheus, or delete it"));
        }
        String evidence = ours.stream().map(TargetHealthCheck::describe).collect(Collectors.joining("\n"));
        if (ours.stream().allMatch(t -> "up".equals(t.health()))) {
            return List.of(CheckResult.passed(Section.PROMETHEUS_SCRAPING, name, evidence));
        }
        return List.of(CheckResult.warning(Section.PROMETHEUS_SCRAPING, name, evidence
                        + "\nthe " + service.what() + " is not deployed there, down, or not scraped yet",
                "start it where the target points (systemctl enable --now " + service.unit() + "; it listens on "
                        + service.listen() + (service.listenEnv() == null ? " by default"
                        : " unless " + service.listenEnv() + " says otherwise") + "), or correct the "
                        + "target of job " + job + " in prometheus.yml (install keeps it). While a target is down "
                        + service.downAlert() + " " + service.downNews() + "; on a host that runs no "
                        + service.what() + ", "
                        + (jobChosen ? "install with the job left out, which takes it out of prometheus.yml: " + leaveOut
                        : "delete the job from prometheus.yml (install does not take out a job it did not add)")
                        + " (" + service.runbook() + ")"));
    }
}
