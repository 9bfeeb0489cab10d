package quantum.safety.ops.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import quantum.safety.ops.OpsInputException;

class HostPortTest {

    @Test
    void parsesIpv4Ipv6AndNames() {
        assertThat(HostPort.parse("--x", "127.0.0.1:9105")).isEqualTo(new HostPort("127.0.0.1", 9105));
        assertThat(HostPort.parse("--x", "[::1]:9105")).isEqualTo(new HostPort("::1", 9105));
        assertThat(HostPort.parse("--x", "[::1]:9105").toString()).isEqualTo("[::1]:9105");
        assertThat(HostPort.ofUrl("http://localhost:9105/metrics")).isEqualTo(new HostPort("localhost", 9105));
    }

    @Test
    void rejectsWhatIsNotHostPortNamingTheFlag() {
        assertThatThrownBy(() -> HostPort.parse("--exporter.address", "9105")).isInstanceOf(OpsInputException.class)
                .hasMessageStartingWith("--exporter.address '9105' is not HOST:PORT");
        assertThatThrownBy(() -> HostPort.parse("--exporter.address", "http://x:1/metrics"))
                .isInstanceOf(OpsInputException.class);
    }

    @Test
    void ipv6AddressesAreWrittenCompressed() throws Exception {
        assertThat(ListenAddressCheck.literal(java.net.InetAddress.getByName("::1"))).isEqualTo("::1");
        assertThat(ListenAddressCheck.literal(java.net.InetAddress.getByName("fd00::2"))).isEqualTo("fd00::2");
        assertThat(ListenAddressCheck.literal(java.net.InetAddress.getByName("127.0.0.1"))).isEqualTo("127.0.0.1");
    }
}
