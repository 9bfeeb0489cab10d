package quantum.safety.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import quantum.safety.kernel.KernelConfig;

class StatusLimitsTest {

    @Test
    void theKernelsLimitsAreCopiedAndTheListSizesDefaultToFive() {
        KernelConfig kernel = KernelConfig.builder().windowSeconds(30).globalMax(40).symbolMax(8).build();

        assertThat(StatusLimits.builder().kernel(kernel).build()).isEqualTo(new StatusLimits(30, 40, 8, 5, 5));
        assertThat(StatusLimits.builder().kernel(kernel).topSymbols(12).lastFaults(0).build())
                .isEqualTo(new StatusLimits(30, 40, 8, 0, 12));
    }

    @Test
    void limitsWithoutTheKernelsWindowAreRefusedWithTheCallThatSetsThem() {
        assertThatThrownBy(() -> StatusLimits.builder().globalMax(20).symbolMax(5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kernel(config)");
    }

    @Test
    void outOfRangeLimitsAreRefusedNamingTheOneThatIsWrong() {
        assertThatThrownBy(() -> StatusLimits.builder().kernel(KernelConfig.defaults()).windowSeconds(0).build())
                .hasMessageContaining("window must be at least 1");
        assertThatThrownBy(() -> StatusLimits.builder().kernel(KernelConfig.defaults()).symbolMax(0).build())
                .hasMessageContaining("symbol 0");
        assertThatThrownBy(() -> StatusLimits.builder().kernel(KernelConfig.defaults()).topSymbols(-1).build())
                .hasMessageContaining("top symbols must be 0 or more");
    }
}
