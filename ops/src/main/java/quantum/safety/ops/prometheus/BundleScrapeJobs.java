package quantum.safety.ops.prometheus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import quantum.safety.ops.bundle.BundlePaths;
import quantum.safety.ops.bundle.BundleSource;

/**
 * The scrape jobs of a bundle's {@link BundlePaths#SCRAPE_JOB}: the exporter's, which every bundle has, and the
 * decision service's, which bundles older than the service lack (install then adds only the exporter's, and verify
 * does not look for the service).
 */
public record BundleScrapeJobs(ScrapeJob exporter, Optional<ScrapeJob> service) {

    public static BundleScrapeJobs of(BundleSource bundle) {
        String yaml = new String(bundle.require(BundlePaths.SCRAPE_JOB), StandardCharsets.UTF_8);
        String source = BundlePaths.SCRAPE_JOB + " in " + bundle.describe();
        return new BundleScrapeJobs(ScrapeJob.parse(yaml, BundlePaths.JOB_NAME, source),
                ScrapeJob.find(yaml, BundlePaths.SERVICE_JOB_NAME, source));
    }

    /** Every job, the exporter's first. */
    public List<ScrapeJob> all() {
        List<ScrapeJob> jobs = new ArrayList<>(List.of(exporter));
        service.ifPresent(jobs::add);
        return List.copyOf(jobs);
    }
}
