package quantum.safety.ops.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import quantum.safety.ops.FakeExporter;
import quantum.safety.ops.Http;

/**
 * The legacy IPv6 incident (contract §3 bug 9): the exporter bound 127.0.0.1 only, Prometheus scraped
 * localhost:9105, localhost resolved to ::1 first, and Prometheus saw 0 while the exporter showed 1. On this machine
 * /etc/hosts maps localhost to 127.0.0.1 only, so the resolution order is injected; the sockets are real.
 */
class ListenAddressCheckTest {

    static final InetAddress V4 = address("127.0.0.1");
    static final InetAddress V6 = address("::1");

    /** The check of {@code target}, its host resolved by {@code resolver}, against the exporter on its own address. */
    private static CheckResult check(HostPort target, FakeExporter exporter, HostResolver resolver) {
        VerifySettings settings = VerifySettings.builder().prometheusUrl("http://127.0.0.1:1").exporter(exporter.address())
                .expectedRules(quantum.safety.ops.prometheus.ExpectedRules.contract()).resolver(resolver).build();
        ExporterSnapshot known = ExporterSnapshot.fetch(Http.withDefaults(), exporter.address());
        return ListenAddressCheck.check(target, known, settings);
    }

    @Test
    void connectingToV6FailsWhileV4WorksForAnExporterBoundToV4Only() throws Exception {
        try (FakeExporter exporter = FakeExporter.start(V4)) {
            assertThat(ListenAddressCheck.connect(V4, exporter.port())).isNull();
            assertThat(ListenAddressCheck.connect(V6, exporter.port())).isEqualTo("connection refused");
        }
    }

    @Test
    void localhostResolvingToV6FirstWhileTheExporterListensOnV4OnlyIsReportedWithTheFix() throws Exception {
        try (FakeExporter exporter = FakeExporter.start(V4)) {
            CheckResult result = check(new HostPort("localhost", exporter.port()), exporter, host -> List.of(V6, V4));

            assertThat(result.status()).isEqualTo(Status.FAILED);
            assertThat(result.evidence()).contains("localhost resolves to [::1, 127.0.0.1]",
                    "[::1]:" + exporter.port() + ": connection refused", "127.0.0.1:" + exporter.port() + ": answers");
            assertThat(result.fix()).contains("answers on IPv4 127.0.0.1 only", "may dial ::1 first",
                    "Set the target to 127.0.0.1:" + exporter.port(), "--exporter.address=127.0.0.1:" + exporter.port(),
                    "dual-stack");
        }
    }

    @Test
    void theReverseAnExporterOnV6OnlyScrapedThroughV4IsReported() throws Exception {
        try (FakeExporter exporter = FakeExporter.start(V6)) {
            CheckResult result = check(new HostPort("localhost", exporter.port()), exporter, host -> List.of(V4, V6));

            assertThat(result.status()).isEqualTo(Status.FAILED);
            assertThat(result.evidence()).contains("127.0.0.1:" + exporter.port() + ": connection refused");
            assertThat(result.fix()).contains("answers on IPv6 ::1 only", "Set the target to [::1]:" + exporter.port());
        }
    }

    @Test
    void aDifferentProcessAnsweringOnV6IsTheLegacyZeroVersusOne() throws Exception {
        try (FakeExporter exporter = FakeExporter.start(V4);
             FakeExporter stale = FakeExporter.start(V6, exporter.port())) {
            stale.metrics(FakeExporter.EXPOSITION.replace("quantum_safety_safe_mode 1", "quantum_safety_safe_mode 0"));
            CheckResult result = check(new HostPort("localhost", exporter.port()), exporter, host -> List.of(V6, V4));

            assertThat(result.status()).isEqualTo(Status.FAILED);
            assertThat(result.evidence()).contains("answers, but not as the exporter", "safe_mode=0.0", "safe_mode=1.0");
        }
    }

    @Test
    void anIpLiteralTargetWhereTheExporterListensPasses() throws Exception {
        try (FakeExporter exporter = FakeExporter.start(V4)) {
            CheckResult result = check(exporter.address(), exporter, HostResolver.SYSTEM);

            assertThat(result.status()).as(result.evidence()).isEqualTo(Status.PASSED);
            assertThat(result.evidence()).contains("same exporter as 127.0.0.1:" + exporter.port());
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
