package quantum.safety.ops.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quantum.safety.ops.Fixtures;
import quantum.safety.ops.bundle.ClasspathBundleSource;
import quantum.safety.ops.bundle.ServiceJob;

class BundleScrapeJobsTest {

    @Test
    void thePackagedBundleHasTheExporterTheDecisionServiceAndTheArchiveJobs() {
        BundleScrapeJobs jobs = BundleScrapeJobs.of(ClasspathBundleSource.packaged());

        assertThat(jobs.exporter().name()).isEqualTo("quantum_safety_telemetry");
        assertThat(jobs.exporter().targets()).containsExactly("127.0.0.1:9105");
        assertThat(jobs.service()).get().satisfies(service -> {
            assertThat(service.name()).isEqualTo("quantum_safety_kernel");
            assertThat(service.targets()).containsExactly("127.0.0.1:9106");
            assertThat(service.labels()).containsEntry("service", "safety-kernel");
        });
        assertThat(jobs.archive()).get().satisfies(archive -> {
            assertThat(archive.name()).isEqualTo("quantum_safety_archive");
            assertThat(archive.targets()).containsExactly("127.0.0.1:9107");
            assertThat(archive.labels()).containsEntry("service", "safety-archive");
        });
        assertThat(jobs.job(ServiceJob.ARCHIVE)).isEqualTo(jobs.archive());
        assertThat(jobs.job(ServiceJob.DECISION_SERVICE)).isEqualTo(jobs.service());
        assertThat(jobs.all()).extracting(ScrapeJob::name).containsExactly("quantum_safety_telemetry",
                "quantum_safety_kernel", "quantum_safety_archive");
    }

    /** A bundle from before the decision service (the test bundle is one) has the exporter's job alone. */
    @Test
    void aBundleWithoutTheServiceJobHasTheExporterJobAlone(@TempDir Path dir) {
        BundleScrapeJobs jobs = BundleScrapeJobs.of(Fixtures.bundle(dir));

        assertThat(jobs.service()).isEmpty();
        assertThat(jobs.archive()).isEmpty();
        assertThat(jobs.all()).extracting(ScrapeJob::name).containsExactly("quantum_safety_telemetry");
    }
}
