package quantum.safety.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/** The lag series say "caught up" only after a read of the stream said so. */
class ArchiveMetricsTest {

    @Test
    void beforeTheFirstReadTheLagIsLeftOutNotZero() {
        ArchiveMetrics metrics = new ArchiveMetrics("test");

        assertThat(lagPoints(metrics)).isZero();

        metrics.lag(ArchiveStream.AUDIT, 0, 0);
        assertThat(lagPoints(metrics)).isEqualTo(2);
    }

    @Test
    void aLagThatCanNoLongerBeReadIsLeftOutAgain() {
        ArchiveMetrics metrics = new ArchiveMetrics("test");
        metrics.lag(ArchiveStream.FAULT, 0, 0);
        metrics.lag(ArchiveStream.AUDIT, 3, 1500);

        metrics.lagUnknown(ArchiveStream.FAULT);
        metrics.lagUnknown(ArchiveStream.AUDIT);

        assertThat(lagPoints(metrics)).isZero();
    }

    private static long lagPoints(ArchiveMetrics metrics) {
        List<MetricSnapshot> snapshots = metrics.collect().stream()
                .filter(s -> s.getMetadata().getPrometheusName().startsWith("quantum_safety_archive_lag_")).toList();
        return snapshots.stream().mapToLong(s -> s.getDataPoints().size()).sum();
    }
}
