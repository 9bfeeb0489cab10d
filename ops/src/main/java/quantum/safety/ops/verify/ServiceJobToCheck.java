package quantum.safety.ops.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import quantum.safety.ops.OpsInputException;
import quantum.safety.ops.backup.InstallSetup;
import quantum.safety.ops.bundle.BundlePaths;
import quantum.safety.ops.bundle.BundleSource;
import quantum.safety.ops.prometheus.BundleScrapeJobs;
import quantum.safety.ops.prometheus.ScrapeJob;

/**
 * The decision service's job verify and doctor look at ({@link VerifySettings#serviceJob()}), if any. With the job
 * chosen (the default), the bundle's, as install adds it: a missing target is worth a warning. Left out
 * ({@code --job.decision-service=false}), none, unless prometheus.yml still has a job of that name: one install did
 * not add and so kept, which Prometheus scrapes and alerts on all the same.
 */
public final class ServiceJobToCheck {

    private ServiceJobToCheck() {
    }

    /** For an install's setup: its choice, and when the job was left out, the prometheus.yml it names (if readable). */
    public static Optional<String> of(InstallSetup setup, BundleSource bundle) {
        boolean chosen = setup.decisionServiceJobOrDefault();
        return of(chosen, bundle, chosen || setup.prometheusConfig() == null ? Optional.empty()
                : read(Path.of(setup.prometheusConfig())));
    }

    /** {@code config}: the prometheus.yml text, read only when the job was left out; empty when unknown. */
    public static Optional<String> of(boolean chosen, BundleSource bundle, Optional<String> config) {
        if (chosen) {
            return BundleScrapeJobs.of(bundle).service().map(ScrapeJob::name);
        }
        return config.filter(text -> hasServiceJob(text)).map(text -> BundlePaths.SERVICE_JOB_NAME);
    }

    private static boolean hasServiceJob(String config) {
        try {
            return ScrapeJob.find(config, BundlePaths.SERVICE_JOB_NAME, "prometheus.yml").isPresent();
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
