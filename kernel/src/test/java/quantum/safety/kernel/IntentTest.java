package quantum.safety.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IntentTest {

    @Test
    void sideIsUpperCasedAndMissingIdsBecomeEmpty() {
        Intent intent = new Intent("BTCUSDT", " sell ", true, null, null);

        assertThat(intent.side()).isEqualTo("SELL");
        assertThat(intent.symbol()).isEqualTo("BTCUSDT");
        assertThat(intent.correlationId()).isEmpty();
        assertThat(intent.traceId()).isEmpty();
        assertThat(intent.withTraceId("t").withCorrelationId("c").withReduceOnly(false))
                .isEqualTo(new Intent("BTCUSDT", "SELL", false, "c", "t"));
    }

    @Test
    void symbolIsKeptAsGiven() {
        assertThat(Intent.of("btcusdt", "buy").symbol()).isEqualTo("btcusdt");
    }

    @Test
    void invalidInputIsRefusedWithTheFix() {
        assertThatThrownBy(() -> Intent.of("BTCUSDT", "HOLD")).hasMessage("side 'HOLD' is not BUY or SELL");
        assertThatThrownBy(() -> Intent.of(" ", "BUY")).hasMessageContaining("symbol is empty");
        assertThatThrownBy(() -> Intent.of("BTC USDT", "BUY")).hasMessageContaining("without white space");
    }
}
