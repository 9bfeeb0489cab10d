package quantum.safety.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class FaultEventTest {

    @Test
    void readsTheLegacySecondsTimestamp() {
        FaultEvent e = FaultEvent.fromStreamEntry("1768784108123-0",
                Map.of("timestamp", "1768784100", "reason", "GLOBAL_RATE_EXCEEDED", "symbol", "BTCUSDT", "side", "BUY"));
        assertThat(e.epochSeconds()).isEqualTo(1768784100.0);
        assertThat(e.timestampFromId()).isFalse();
        assertThat(e.reason()).isEqualTo("GLOBAL_RATE_EXCEEDED");
    }

    @Test
    void acceptsMillisecondTimestamps() {
        FaultEvent e = FaultEvent.fromStreamEntry("1768784108123-0", Map.of("timestamp", "1768784100500"));
        assertThat(e.epochSeconds()).isEqualTo(1768784100.5);
    }

    @Test
    void fallsBackToTheEntryIdWhenTheTimestampIsMissingOrGarbage() {
        assertThat(FaultEvent.fromStreamEntry("1768784108123-0", Map.of()).epochSeconds()).isEqualTo(1768784108.123);
        FaultEvent garbage = FaultEvent.fromStreamEntry("1768784108000-3", Map.of("timestamp", "yesterday"));
        assertThat(garbage.epochSeconds()).isEqualTo(1768784108.0);
        assertThat(garbage.timestampFromId()).isTrue();
        assertThat(garbage.symbol()).isEmpty();
    }
}
