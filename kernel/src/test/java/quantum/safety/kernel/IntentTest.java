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
        assertThatThrownBy(() -> Intent.of("BTC USDT", "BUY")).hasMessageContaining("contains white space");
    }

    @Test
    void textIsBoundedAndFreeOfControlAndBidiCharactersAndMessagesQuoteAtMost64Characters() {
        String longSymbol = "S".repeat(65);
        assertThatThrownBy(() -> Intent.of(longSymbol, "BUY"))
                .hasMessage("symbol '" + "S".repeat(64) + "…' is 65 characters long; at most 64 are allowed");
        assertThatThrownBy(() -> Intent.of("BTC\u202EUSDT", "BUY"))
                .hasMessage("symbol 'BTC\\u202EUSDT' contains the character U+202E; control and bidirectional "
                        + "override characters are refused");
        assertThatThrownBy(() -> Intent.of("BTCUSDT", "BUY").withCorrelationId("ord\u001B[31m"))
                .hasMessageContaining("correlation id").hasMessageContaining("U+001B");
        assertThatThrownBy(() -> Intent.of("BTCUSDT", "BUY").withTraceId("t\u2066x"))
                .hasMessageContaining("trace id").hasMessageContaining("U+2066");
        String longId = "x".repeat(Intent.MAX_ID_LENGTH + 1);
        assertThatThrownBy(() -> Intent.of("BTCUSDT", "BUY").withCorrelationId(longId))
                .hasMessageContaining("129 characters long; at most 128");
        assertThatThrownBy(() -> Intent.of("BTCUSDT", "B".repeat(10_000)))
                .message().hasSizeLessThan(120);
        assertThat(Intent.of("BTCUSDT", "BUY").withCorrelationId("x".repeat(128)).correlationId()).hasSize(128);
    }
}
