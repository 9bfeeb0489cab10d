package quantum.safety.ops.prometheus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import quantum.safety.ops.bundle.BundlePaths;
import quantum.safety.ops.bundle.BundleSource;
import quantum.safety.ops.bundle.ServiceJob;

/**
 * The scrape jobs of a bundle's {@link BundlePaths#SCRAPE_JOB}: the exporter's, which every bundle has, and those of
 * the services ({@link ServiceJob}: the decision service, the audit archive), which bundles older than a service lack
 * (install then adds the others only, and verify does not look for that service).
 */
public record BundleScrapeJobs(ScrapeJob exporter, Optional<ScrapeJob> service, Optional<ScrapeJob> archive) {

    public static BundleScrapeJobs of(BundleSource bundle) {
        String yaml = new String(bundle.require(BundlePaths.SCRAPE_JOB), StandardCharsets.UTF_8);
        String source = BundlePaths.SCRAPE_JOB + " in " + bundle.describe();
        return new BundleScrapeJobs(ScrapeJob.parse(yaml, BundlePaths.JOB_NAME, source),
                ScrapeJob.find(yaml, BundlePaths.SERVICE_JOB_NAME, source),
                ScrapeJob.find(yaml, BundlePaths.ARCHIVE_JOB_NAME, source));
    }

    /** The bundle's job of {@code service}, if it has one. */
    public Optional<ScrapeJob> job(ServiceJob service) {
        if (service.equals(ServiceJob.DECISION_SERVICE)) {
            return this.service;
        }
        if (service.equals(ServiceJob.ARCHIVE)) {
            return archive;
        }
        return Optional.empty();
    }

    /** Every job, the exporter's first, then the services' in the bundle's order. */
    public List<ScrapeJob> all() {
        List<ScrapeJob> jobs = new ArrayList<>(List.of(exporter));
        ServiceJob.ALL.forEach(s -> job(s).ifPresent(jobs::add));
        return List.copyOf(jobs);
    }
}
