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

    /** Prometheus falls back to 127.0.0.1 when ::1 refuses: the scrape works, so this is untidy, not broken. */
    @Test
    void localhostResolvingToV6FirstWhileTheExporterListensOnV4OnlyIsAWarningNamingBothAddresses() throws Exception {
        try (FakeExporter exporter = FakeExporter.start(V4)) {
            int port = exporter.port();
            CheckResult result = check(new HostPort("localhost", port), exporter, host -> List.of(V6, V4));

            assertThat(result.status()).isEqualTo(Status.WARNING);
            assertThat(result.evidence()).contains("localhost resolves to [::1, 127.0.0.1]",
                    "[::1]:" + port + ": connection refused", "127.0.0.1:" + port + ": answers");
            assertThat(result.fix()).startsWith("localhost resolves to ::1 first; [::1]:" + port + " refuses, 127.0.0.1:"
                    + port + " answers — use --exporter.address=127.0.0.1:" + port);
        }
    }

    /** The reverse: localhost gives 127.0.0.1 only, so nothing Prometheus dials answers; [::1] is named as the fix. */
    @Test
    void anExporterOnV6OnlyScrapedThroughLocalhostOnV4FailsAndNamesTheV6AddressThatAnswers() throws Exception {
        try (FakeExporter exporter = FakeExporter.start(V6)) {
            int port = exporter.port();
            CheckResult result = check(new HostPort("localhost", port), exporter, host -> List.of(V4));

            assertThat(result.status()).isEqualTo(Status.FAILED);
            assertThat(result.evidence()).contains("127.0.0.1:" + port + ": connection refused",
                    "[::1]:" + port + ": answers");
            assertThat(result.fix()).startsWith("localhost resolves to 127.0.0.1 only; 127.0.0.1:" + port + " refuses, [::1]:"
                    + port + " answers — use --exporter.address=[::1]:" + port)
                    .contains("To set the target: quantum-safety ops install", "--exporter.address='[::1]:" + port + "'");
        }
    }

    @Test
    void nothingListeningOnEitherLoopbackNamesBothAndSaysNothingListens() throws Exception {
        int port;
        try (FakeExporter gone = FakeExporter.start(V4)) {
            port = gone.port();
        }
        try (FakeExporter exporter = FakeExporter.start(V4)) {
            CheckResult result = check(new HostPort("127.0.0.1", port), exporter, HostResolver.SYSTEM);

            assertThat(result.status()).isEqualTo(Status.FAILED);
            assertThat(result.fix()).startsWith("127.0.0.1:" + port + " refuses, [::1]:" + port + " refuses — nothing "
                    + "listens on port " + port + " of 127.0.0.1");
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
            assertThat(result.fix()).contains("[::1]:" + exporter.port() + " answers as another process");
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
