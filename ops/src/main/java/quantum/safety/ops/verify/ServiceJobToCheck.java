package quantum.safety.ops.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import quantum.safety.ops.OpsInputException;
import quantum.safety.ops.backup.InstallSetup;
import quantum.safety.ops.bundle.BundleSource;
import quantum.safety.ops.bundle.ServiceJob;
import quantum.safety.ops.prometheus.BundleScrapeJobs;
import quantum.safety.ops.prometheus.ScrapeJob;

/**
 * The job of a service (the decision service, the audit archive) that verify and doctor look at, if any. With the job
 * chosen (the default), the bundle's, as install adds it: a missing target is worth a warning. Left out
 * ({@code --job.decision-service=false}, {@code --job.archive=false}), none, unless prometheus.yml still has a job of
 * that name: one install did not add and so kept, which Prometheus scrapes and alerts on all the same.
 */
public final class ServiceJobToCheck {

    private ServiceJobToCheck() {
    }

    /** The decision service's job, for an install's setup ({@link #of(ServiceJob, InstallSetup, BundleSource)}). */
    public static Optional<String> of(InstallSetup setup, BundleSource bundle) {
        return of(ServiceJob.DECISION_SERVICE, setup, bundle);
    }

    /** For an install's setup: its choice, and when the job was left out, the prometheus.yml it names (if readable). */
    public static Optional<String> of(ServiceJob service, InstallSetup setup, BundleSource bundle) {
        boolean chosen = setup.chosen(service);
        return of(service, chosen, bundle, chosen || setup.prometheusConfig() == null ? Optional.empty()
                : read(Path.of(setup.prometheusConfig())));
    }

    /** The decision service's job ({@link #of(ServiceJob, boolean, BundleSource, Optional)}). */
    public static Optional<String> of(boolean chosen, BundleSource bundle, Optional<String> config) {
        return of(ServiceJob.DECISION_SERVICE, chosen, bundle, config);
    }

    /** {@code config}: the prometheus.yml text, read only when the job was left out; empty when unknown. */
    public static Optional<String> of(ServiceJob service, boolean chosen, BundleSource bundle, Optional<String> config) {
        if (chosen) {
            return BundleScrapeJobs.of(bundle).job(service).map(ScrapeJob::name);
        }
        return config.filter(text -> hasJob(text, service.jobName())).map(text -> service.jobName());
    }

    private static boolean hasJob(String config, String name) {
        try {
            return ScrapeJob.find(config, name, "prometheus.yml").isPresent();
        } catch (OpsInputException e) {
            // Not YAML: the other checks and doctor's promtool say so; there is no job to look at here.
            return false;
        }
    }

    private static Optional<String> read(Path config) {
        try {
            return Optional.of(Files.readString(config));
        } catch (IOException | RuntimeException e) {
            // Verify may run where prometheus.yml cannot be read: the choice alone then says not to look.
            return Optional.empty();
        }
    }
}
