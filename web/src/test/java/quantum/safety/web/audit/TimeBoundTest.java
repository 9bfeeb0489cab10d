package quantum.safety.web.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeBoundTest {

    private static final long NOW = Instant.parse("2026-03-01T12:00:00Z").toEpochMilli();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "15m, 900000",
            "6h, 21600000",
            "2d, 172800000",
            "1h30m, 5400000",
            "90, 90000",
            "250ms, 250",
            "now-6h, 21600000",
            "NOW-1h30m, 5400000",
            "now, 0"})
    void durationsCountBackFromNow(String text, long millisAgo) {
        TimeBound bound = TimeBound.parse(text);

        assertThat(bound).isEqualTo(new TimeBound.Ago(Duration.ofMillis(millisAgo)));
        assertThat(bound.millis(NOW)).isEqualTo(NOW - millisAgo);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2026-03-01T09:30:00Z", "2026-03-01T10:30:00+01:00", "2026-03-01t09:30:00z",
            "2026-03-01 09:30:00Z", "2026-03-01T04:30:00-05:00", " 2026-03-01T09:30:00.000Z "})
    void rfc3339TimestampsInEveryFormTheRfcAllowsAreOneInstant(String text) {
        TimeBound bound = TimeBound.parse(text);

        assertThat(bound.millis(NOW)).isEqualTo(Instant.parse("2026-03-01T09:30:00Z").toEpochMilli());
        assertThat(bound.describe()).isEqualTo("2026-03-01 09:30:00Z");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "yesterday", "-1h", "1w", "1h 30m", "2026-03-01", "2026-03-01T09:30:00",
            "2026-13-01T00:00:00Z", "2026-03-01T25:00:00Z"})
    void anythingElseIsRefusedNamingBothForms(String text) {
        assertThatThrownBy(() -> TimeBound.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'").hasMessageContaining("RFC 3339");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"99999999999d", "999999999999", "99999999999d99999999999d", "1969-12-31T23:59:59Z"})
    void boundsBefore1970AreRefusedWithoutOverflow(String text) {
        assertThatThrownBy(() -> TimeBound.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'").hasMessageContaining("1970-01-01");
    }

    @org.junit.jupiter.api.Test
    void aDurationReachingBefore1970FromNowIsRefusedWhenResolved() {
        assertThatThrownBy(() -> TimeBound.parse("36500d").millis(NOW)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is before 1970-01-01");
    }
}
