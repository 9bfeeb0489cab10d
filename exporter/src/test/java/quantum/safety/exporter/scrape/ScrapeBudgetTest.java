package quantum.safety.exporter.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ScrapeBudgetTest {

    private static final Duration CAP = Duration.ofSeconds(5);

    @Test
    void withoutTheHeaderTheCapIsTheBudget() {
        assertThat(ScrapeBudget.of(null, CAP)).isEqualTo(CAP);
        assertThat(ScrapeBudget.of("", CAP)).isEqualTo(CAP);
        assertThat(ScrapeBudget.of("ten", CAP)).isEqualTo(CAP);
        assertThat(ScrapeBudget.of("-3", CAP)).isEqualTo(CAP);
    }

    @Test
    void thePrometheusTimeoutMinusAMarginWhenBelowTheCap() {
        assertThat(ScrapeBudget.of("2", CAP)).isEqualTo(Duration.ofMillis(1500));
        assertThat(ScrapeBudget.of("1", CAP)).isEqualTo(Duration.ofMillis(750));
        assertThat(ScrapeBudget.of("0.2", CAP)).isEqualTo(Duration.ofMillis(150));
    }

    @Test
    void theCapWinsOverALongPrometheusTimeout() {
        assertThat(ScrapeBudget.of("10", CAP)).isEqualTo(CAP);
    }

    @Test
    void neverBelowAFloor() {
        assertThat(ScrapeBudget.of("0.001", CAP)).isEqualTo(ScrapeBudget.MIN_BUDGET);
    }
}
