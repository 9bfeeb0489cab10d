package quantum.safety.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class SymbolMixTest {

    private static List<String> picks(long seed, int n) {
        Random random = new Random(seed);
        return IntStream.range(0, n).mapToObj(i -> SymbolMix.standard().pick(random)).toList();
    }

    @Test
    void theSameSeedGivesTheSameFlow() {
        assertThat(picks(7, 200)).isEqualTo(picks(7, 200)).isNotEqualTo(picks(8, 200));
    }

    @Test
    void everySymbolTradesAndTheWeightsOrderThem() {
        Map<String, Long> counts = picks(1, 10_000).stream().collect(Collectors.groupingBy(Function.identity(),
                Collectors.counting()));
        assertThat(counts).containsOnlyKeys("BTCUSDT", "ETHUSDT", "SOLUSDT", "ARBUSDT", "INJUSDT");
        assertThat(counts.get("BTCUSDT")).isGreaterThan(counts.get("ETHUSDT"));
        assertThat(counts.get("ARBUSDT")).isGreaterThan(counts.get("INJUSDT"));
    }

    @Test
    void aMixNeedsPositiveWeights() {
        assertThatThrownBy(() -> new SymbolMix(List.of(new SymbolMix.Weighted("BTCUSDT", 0))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
