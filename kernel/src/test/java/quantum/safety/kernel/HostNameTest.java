package quantum.safety.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code kernel_id} names the real host even where {@code HOSTNAME} is not exported (systemd, cron, most children). */
class HostNameTest {

    private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

    @Test
    void withoutHostnameInTheEnvironmentTheSystemsNameIsUsed() throws Exception {
        assumeThat(KERNEL_HOSTNAME).as("a Linux host").isReadable();
        String system = Files.readString(KERNEL_HOSTNAME).strip();

        assertThat(HostName.of(null)).contains(system);
        assertThat(HostName.of("  ")).contains(system);
    }

    @Test
    void anExportedHostnameWins() {
        assertThat(HostName.of("router-7")).contains("router-7");
    }

    @Test
    void blankSourcesAreSkippedAndWhiteSpaceCannotReachTheKernelId() {
        assertThat(HostName.first(List.of(() -> null, () -> " \n", () -> " trading box\n"))).contains("trading_box");
        assertThat(HostName.first(List.of(() -> null))).isEmpty();
    }

    @Test
    void theDefaultKernelIdIsTheHostAndThePidNeverAPlaceholder() {
        String pid = Long.toString(ProcessHandle.current().pid());
        String host = HostName.of(System.getenv("HOSTNAME")).orElseThrow();

        assertThat(KernelConfigEnv.defaultKernelId()).isEqualTo(host + "-" + pid).doesNotStartWith("pid-");
        assertThat(KernelConfig.builder().build().kernelId()).isEqualTo(host + "-" + pid);
    }
}
