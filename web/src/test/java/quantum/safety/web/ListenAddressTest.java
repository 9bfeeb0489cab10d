package quantum.safety.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ListenAddressTest {

    @Test
    void theFormsOperatorsWrite() {
        assertThat(ListenAddress.parse(":9105")).isEqualTo(new ListenAddress(Optional.empty(), 9105));
        assertThat(ListenAddress.parse("9105")).isEqualTo(new ListenAddress(Optional.empty(), 9105));
        assertThat(ListenAddress.parse("127.0.0.1:9105")).isEqualTo(new ListenAddress(Optional.of("127.0.0.1"), 9105));
        assertThat(ListenAddress.parse("[::1]:9105")).isEqualTo(new ListenAddress(Optional.of("::1"), 9105));
        assertThat(ListenAddress.parse("localhost:0").toString()).isEqualTo("localhost:0");
        assertThat(ListenAddress.parse("[::1]:9105").toString()).isEqualTo("[::1]:9105");
    }

    @Test
    void theWildcardBindsEveryInterface() {
        assertThat(ListenAddress.parse(":9105").socketAddress().getAddress().isAnyLocalAddress()).isTrue();
    }

    @Test
    void badAddressesSayWhatIsExpected() {
        for (String bad : new String[] {"", "host", "::1:9105", "host:port", "host:70000", "[::1]"}) {
            assertThatThrownBy(() -> ListenAddress.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'")
                    .hasMessageContaining("e.g. :9105");
        }
    }
}
