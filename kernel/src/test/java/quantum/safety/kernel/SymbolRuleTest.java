package quantum.safety.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SymbolRuleTest {

    @Test
    void symbolsOfRealInstrumentsAndUpTo64CharactersKeepTheRule() {
        for (String symbol : new String[] {"BTCUSDT", "btcusdt", "BTC-USD", "BRK.B", "ES=F", "ünï😀", "quo\"te",
                "back\\slash", "S".repeat(64)}) {
            assertThat(SymbolRule.accepts(symbol)).as(symbol).isTrue();
            assertThat(SymbolRule.require(symbol)).isSameAs(symbol);
        }
    }

    @Test
    void whatBreaksTheRuleIsRefusedWithoutThrowingByAcceptsAndWithTheReasonByRequire() {
        String invalidUtf8 = new String(new byte[] {'B', 'T', 'C', (byte) 0xC3, (byte) 0x28}, StandardCharsets.UTF_8);
        String[][] cases = {
                {null, "symbol is empty"},
                {"", "symbol is empty"},
                {" \t", "symbol is empty"},
                {"S".repeat(65), "is 65 characters long; at most 64 are allowed"},
                {"S".repeat(10_240), "is 10240 characters long"},
                {"BTC\nUSDT", "contains the character U+000A"},
                {"BTC\u0007", "contains the character U+0007"},
                {"BTC\u202EUSDT", "contains the character U+202E"},
                {"BTC USDT", "contains white space"},
                {invalidUtf8, "contains U+FFFD, the stand-in for bytes that are not UTF-8"},
                {"BTC\uD800", "contains the unpaired surrogate U+D800"},
                {"\uDC00BTC", "contains the unpaired surrogate U+DC00"},
        };
        for (String[] c : cases) {
            assertThat(SymbolRule.accepts(c[0])).as("%s", c[0]).isFalse();
            assertThatThrownBy(() -> SymbolRule.require(c[0])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(c[1]).message().hasSizeLessThan(160);
        }
    }

    @Test
    void theKernelsInputAndReadersOfRedisHoldSymbolsToTheSameRule() {
        for (String symbol : new String[] {"BTC\uFFFD", "BTC\uD800", "S".repeat(65), "BTC USDT", "BTC\u001B"}) {
            assertThat(SymbolRule.accepts(symbol)).isFalse();
            assertThatThrownBy(() -> Intent.of(symbol, "BUY")).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Intent.of("S".repeat(64), "BUY").symbol()).hasSize(64);
        assertThat(Intent.MAX_SYMBOL_LENGTH).isEqualTo(SymbolRule.MAX_LENGTH).isEqualTo(64);
    }
}
