package quantum.safety.ops.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import quantum.safety.ops.validate.Promtool;
import quantum.safety.ops.validate.ValidationResult;
import quantum.safety.testkit.RequiresTools;

/**
 * Every combination of the {@code --remote-write.*} flags gives a prometheus.yml that {@code promtool check config}
 * accepts: authentication (none, basic, bearer) × TLS (none, CA, client certificate, both) × headers (none, one, two)
 * × all series or ours. The files exist, as install requires; the config also holds an operator's entry of its own.
 */
@RequiresTools({"promtool"})
class RemoteWritePromtoolTest {

    @TempDir
    static Path dir;

    private static final String BASE = """
            global:
              scrape_interval: 15s
            scrape_configs:
              - job_name: prometheus
                static_configs:
                  - targets: ['127.0.0.1:9090']
            remote_write:
              - url: https://thanos.example.com/api/v1/receive
                name: ops-thanos
            """;

    @BeforeAll
    static void files() throws IOException {
        for (String name : List.of("pw", "token", "ca.pem", "client.pem", "client-key.pem")) {
            Files.writeString(dir.resolve(name), "secret-or-pem\n");
        }
    }

    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        for (String auth : List.of("none", "basic", "bearer")) {
            for (String tls : List.of("none", "ca", "client", "ca+client")) {
                for (int headers = 0; headers <= 2; headers++) {
                    for (boolean allSeries : List.of(false, true)) {
                        all.add(Arguments.of(auth, tls, headers, allSeries));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "auth {0}, tls {1}, {2} header(s), all series {3}")
    @MethodSource("combinations")
    void promtoolAcceptsTheMergedConfig(String auth, String tls, int headers, boolean allSeries) throws IOException {
        RemoteWriteInput input = new RemoteWriteInput()
                .url((tls.equals("none") ? "http" : "https") + "://store.example.com:8443/api/v1/push")
                .headers(List.of("X-Scope-OrgID=trading", "X-Team=risk").subList(0, headers)).allSeries(allSeries);
        switch (auth) {
            case "basic" -> input.username("trading").passwordFile(file("pw"));
            case "bearer" -> input.bearerTokenFile(file("token"));
            default -> { }
        }
        if (tls.contains("ca")) {
            input.tlsCaFile(file("ca.pem"));
        }
        if (tls.contains("client")) {
            input.tlsCertFile(file("client.pem")).tlsKeyFile(file("client-key.pem"));
        }
        RemoteWrite remoteWrite = input.build().orElseThrow();
        RemoteWriteFiles.check(remoteWrite);

        Path config = dir.resolve("prometheus-" + auth + "-" + tls + "-" + headers + "-" + allSeries + ".yml");
        Files.writeString(config, merge(BASE, remoteWrite));
        ValidationResult result = Promtool.locate("promtool").checkConfig(config);

        assertThat(result.ok()).as(result.summary() + "\n" + Files.readString(config)).isTrue();
        List<Map<String, Object>> entries = RemoteWriteMergeTest.entries(Files.readString(config));
        assertThat(entries).extracting(e -> e.get("name")).containsExactly("ops-thanos", RemoteWrite.NAME);
        assertThat(Files.readString(config)).doesNotContain("secret-or-pem");
    }

    /** The check is not a formality: a header Prometheus reserves is refused by promtool too, had we let it through. */
    @Test
    void promtoolRefusesWhatTheInputChecksRefuse() throws IOException {
        String merged = merge(BASE, new RemoteWriteInput().url("http://store.example.com/api/v1/push").build()
                .orElseThrow()).replace("    queue_config:", "    headers:\n      Authorization: Bearer x\n    queue_config:");
        Path config = Files.writeString(dir.resolve("reserved-header.yml"), merged);

        ValidationResult result = Promtool.locate("promtool").checkConfig(config);

        assertThat(result.ok()).isFalse();
        assertThat(result.output()).contains("authorization header must be changed via the basic_auth");
    }

    private static String merge(String base, RemoteWrite remoteWrite) {
        return new PrometheusConfigMerger("prometheus.yml").merge(base, PrometheusConfigMerger.Request.builder()
                .job(PrometheusConfigMergerTest.JOB).ruleFiles(List.of()).configDir(dir).remoteWrite(remoteWrite)
                .build()).text();
    }

    private static String file(String name) {
        return dir.resolve(name).toString();
    }
}
