package quantum.safety.ops.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static quantum.safety.ops.prometheus.PrometheusConfigMergerTest.CONFIG_DIR;
import static quantum.safety.ops.prometheus.PrometheusConfigMergerTest.JOB;
import static quantum.safety.ops.prometheus.PrometheusConfigMergerTest.OPERATOR;
import static quantum.safety.ops.prometheus.PrometheusConfigMergerTest.RULES;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import quantum.safety.ops.OpsInputException;

/**
 * Our remote_write entry in an operator's prometheus.yml: added after theirs, which stay byte for byte; replaced in
 * place on the next install; kept by an install without the flags, the plan naming the install it was recorded by;
 * taken out with {@code --remote-write.url=none}, or when neither flags nor the install in place name it (with the
 * key when it was alone); an entry of our name without the marker is the operator's.
 */
class RemoteWriteMergeTest {

    static final String WITH_OPERATORS_REMOTE_WRITE = OPERATOR + """
            # the operator's own long-term store
            remote_write:
              - url: https://thanos.example.com/api/v1/receive   # keep
                name: ops-thanos
            """;

    private static final RemoteWrite MIMIR = remoteWrite(new RemoteWriteInput()
            .url("https://mimir.example.com/api/v1/push").username("trading").passwordFile("/etc/prometheus/pw")
            .headers(List.of("X-Scope-OrgID=trading")));
    private static final RemoteWrite VICTORIA = remoteWrite(new RemoteWriteInput()
            .url("http://10.0.0.5:8428/api/v1/write"));

    private static final String FROM = "the install of 2026-01-19 03:44:18 (install_qs_20260119_034418)";

    private final PrometheusConfigMerger merger = new PrometheusConfigMerger("prometheus.yml");

    static RemoteWrite remoteWrite(RemoteWriteInput input) {
        return input.build().orElseThrow();
    }

    private MergeResult merge(String text, RemoteWrite remoteWrite) {
        return merge(text, remoteWrite, false);
    }

    private MergeResult mergeChoice(String text, RemoteWriteChoice choice) {
        return merger.merge(text, PrometheusConfigMerger.Request.builder().job(JOB).ruleFiles(List.of(RULES))
                .configDir(CONFIG_DIR).remoteWriteChoice(choice).build());
    }

    private MergeResult merge(String text, RemoteWrite remoteWrite, boolean force) {
        return merger.merge(text, PrometheusConfigMerger.Request.builder().job(JOB).ruleFiles(List.of(RULES))
                .configDir(CONFIG_DIR).remoteWrite(remoteWrite).force(force).build());
    }

    @Test
    void aConfigWithoutRemoteWriteGetsTheKeyAndOurEntryUnderItsMarkerAtTheEnd() {
        MergeResult result = merge(OPERATOR, MIMIR);

        assertThat(result.text()).startsWith(merge(OPERATOR, null).text());
        assertThat(result.text()).endsWith("""
                # end of file
                remote_write:
                  # Quantum Safety remote write: added by 'quantum-safety ops install'.
                  - name: quantum_safety
                    url: https://mimir.example.com/api/v1/push
                    headers:
                      X-Scope-OrgID: trading
                    basic_auth:
                      username: trading
                      password_file: /etc/prometheus/pw
                    queue_config:
                      capacity: 5000
                      max_shards: 4
                      min_shards: 1
                      max_samples_per_send: 1000
                      batch_send_deadline: 5s
                    write_relabel_configs:
                      - source_labels:
                          - job
                        regex: quantum_safety_telemetry|quantum_safety_kernel|quantum_safety_archive
                        action: keep
                """);
        assertThat(result.changes()).contains("add remote_write entry quantum_safety -> "
                + "https://mimir.example.com/api/v1/push (basic auth as trading, headers [X-Scope-OrgID], jobs "
                + "quantum_safety_telemetry, quantum_safety_kernel, quantum_safety_archive only)");
        assertThat(merge(result.text(), MIMIR).changed()).as("installed twice: nothing to do").isFalse();
    }

    @Test
    void theOperatorsEntriesStayAndOursGoesAfterThem() {
        MergeResult result = merge(WITH_OPERATORS_REMOTE_WRITE, MIMIR);

        assertThat(result.text()).contains("""
                remote_write:
                  - url: https://thanos.example.com/api/v1/receive   # keep
                    name: ops-thanos
                  # Quantum Safety remote write: added by 'quantum-safety ops install'.
                  - name: quantum_safety
                """);
        assertThat(entries(result.text())).extracting(e -> e.get("name")).containsExactly("ops-thanos", "quantum_safety");
    }

    @Test
    void aReinstallReplacesOursInPlaceUnderTheSameMarker() {
        String installed = merge(WITH_OPERATORS_REMOTE_WRITE, MIMIR).text();

        MergeResult result = merge(installed, VICTORIA);

        assertThat(result.text()).isEqualTo(merge(WITH_OPERATORS_REMOTE_WRITE, VICTORIA).text());
        assertThat(result.text()).containsOnlyOnce(RemoteWriteMerge.MARKER).doesNotContain("mimir", "basic_auth");
        assertThat(result.changes()).containsExactly("update remote_write entry quantum_safety -> "
                + "https://mimir.example.com/api/v1/push with quantum_safety -> http://10.0.0.5:8428/api/v1/write (no "
                + "auth, jobs quantum_safety_telemetry, quantum_safety_kernel, quantum_safety_archive only)");
    }

    @Test
    void anInstallWithoutTheFlagsKeepsTheRecordedEntryAndSaysFromWhichInstall() {
        String installed = merge(WITH_OPERATORS_REMOTE_WRITE, MIMIR).text();

        MergeResult result = mergeChoice(installed, RemoteWriteChoice.kept(MIMIR, FROM));

        assertThat(result.changed()).isFalse();
        assertThat(result.text()).isEqualTo(installed);
        assertThat(result.changes()).isEmpty();
        assertThat(result.notes()).containsExactly("keep remote_write entry quantum_safety -> "
                + "https://mimir.example.com/api/v1/push (basic auth as trading, headers [X-Scope-OrgID], jobs "
                + "quantum_safety_telemetry, quantum_safety_kernel, quantum_safety_archive only), kept from " + FROM
                + "; --remote-write.url=none takes it out");
    }

    @Test
    void aKeptEntryMissingOrEditedByHandIsPutBackAndThePlanSaysWhy() {
        MergeResult missing = mergeChoice(WITH_OPERATORS_REMOTE_WRITE, RemoteWriteChoice.kept(MIMIR, FROM));
        assertThat(missing.text()).isEqualTo(merge(WITH_OPERATORS_REMOTE_WRITE, MIMIR).text());
        assertThat(missing.changes()).filteredOn(c -> c.contains("remote_write")).singleElement().asString()
                .startsWith("add remote_write entry quantum_safety -> "
                + "https://mimir.example.com/api/v1/push").endsWith(", kept from " + FROM
                + "; --remote-write.url=none takes it out");

        String edited = merge(WITH_OPERATORS_REMOTE_WRITE, VICTORIA).text();
        MergeResult restored = mergeChoice(edited, RemoteWriteChoice.kept(MIMIR, FROM));
        assertThat(restored.text()).isEqualTo(merge(WITH_OPERATORS_REMOTE_WRITE, MIMIR).text());
        assertThat(restored.changes()).filteredOn(c -> c.contains("remote_write")).singleElement().asString()
                .startsWith("update remote_write entry "
                + "quantum_safety -> http://10.0.0.5:8428/api/v1/write with quantum_safety -> "
                + "https://mimir.example.com/api/v1/push").contains("kept from " + FROM);
    }

    @Test
    void noneTakesOursOutAndLeavesTheFileAsBefore() {
        String installed = merge(WITH_OPERATORS_REMOTE_WRITE, MIMIR).text();

        MergeResult result = mergeChoice(installed, RemoteWriteChoice.TAKEN_OUT);

        assertThat(result.text()).isEqualTo(merge(WITH_OPERATORS_REMOTE_WRITE, null).text());
        assertThat(result.changes()).containsExactly("remove remote_write entry quantum_safety -> "
                + "https://mimir.example.com/api/v1/push: an earlier install added it, and --remote-write.url=none "
                + "takes it out");
    }

    @Test
    void withNeitherFlagsNorARecordedEntryOursGoesAndThePlanSaysHowToKeepIt() {
        String installed = merge(WITH_OPERATORS_REMOTE_WRITE, MIMIR).text();

        MergeResult result = mergeChoice(installed, RemoteWriteChoice.NOT_GIVEN);

        assertThat(result.text()).isEqualTo(merge(WITH_OPERATORS_REMOTE_WRITE, null).text());
        assertThat(result.changes()).containsExactly("remove remote_write entry quantum_safety -> "
                + "https://mimir.example.com/api/v1/push: an earlier install added it, and this install has no "
                + "--remote-write.url and no install in place recorded one; give the --remote-write.* flags to keep it");
    }

    @Test
    void takingOutOurOnlyEntryTakesOutTheKeyItCameWith() {
        String installed = merge(OPERATOR, MIMIR).text();

        MergeResult result = mergeChoice(installed, RemoteWriteChoice.TAKEN_OUT);

        assertThat(result.text()).isEqualTo(merge(OPERATOR, null).text()).doesNotContain("remote_write");
    }

    @Test
    void anEntryOfOurNameWithoutTheMarkerIsTheOperatorsKeptWhenLeftOutAndReplacedOnlyWithForce() {
        String operators = OPERATOR + """
                remote_write:
                  - name: quantum_safety
                    url: https://vm.example.com/api/v1/write
                """;

        MergeResult leftOut = mergeChoice(operators, RemoteWriteChoice.TAKEN_OUT);
        assertThat(leftOut.text()).contains("https://vm.example.com/api/v1/write");
        assertThat(leftOut.notes()).singleElement().asString().startsWith("keep remote_write entry quantum_safety -> "
                + "https://vm.example.com/api/v1/write, which this install leaves out: no install added it");

        assertThatThrownBy(() -> merge(operators, MIMIR)).isInstanceOf(OpsInputException.class).hasMessage(
                "prometheus.yml already has a remote_write entry named 'quantum_safety' sending to "
                        + "https://vm.example.com/api/v1/write that no install added; rename it, or re-run with --force "
                        + "to replace it (in place, never duplicated)");

        MergeResult forced = merge(operators, MIMIR, true);
        assertThat(entries(forced.text())).singleElement().satisfies(e -> assertThat(e.get("url"))
                .isEqualTo("https://mimir.example.com/api/v1/push"));
        assertThat(forced.changes()).anyMatch(c -> c.startsWith("replace remote_write entry quantum_safety"));
    }

    @Test
    void anEmptyKeyIsFilledAndAFlowListIsRefused() {
        assertThat(entries(merge(OPERATOR + "remote_write: []\n", MIMIR).text())).hasSize(1);
        assertThat(entries(merge(OPERATOR + "remote_write:\n", MIMIR).text())).hasSize(1);
        assertThatThrownBy(() -> merge(OPERATOR + "remote_write: [{url: 'http://a/b'}]\n", MIMIR))
                .isInstanceOf(OpsInputException.class).hasMessageContaining("remote_write at line")
                .hasMessageContaining("is not a block list");
    }

    @Test
    void aFileWithoutScrapeConfigsGetsBothKeysInOrder() {
        String bare = "global:\n  scrape_interval: 15s";

        String text = merge(bare, MIMIR).text();

        assertThat(text).startsWith("global:\n  scrape_interval: 15s\nrule_files:");
        assertThat(text.indexOf("scrape_configs:")).isPositive().isLessThan(text.indexOf("remote_write:"));
        assertThat(entries(text)).hasSize(1);
    }

    @Test
    void allSeriesLeavesTheQueueAndTheFilterToPrometheus() {
        RemoteWrite all = remoteWrite(new RemoteWriteInput().url("http://10.0.0.5:8428/api/v1/write").allSeries(true));

        Map<String, Object> entry = entries(merge(OPERATOR, all).text()).get(0);

        assertThat(entry).containsOnlyKeys("name", "url");
    }

    @Test
    void aBearerTokenAndTlsFilesAreWrittenAsPathsNeverAsSecrets() {
        RemoteWrite tls = remoteWrite(new RemoteWriteInput().url("https://receive.example.com/api/v1/receive")
                .bearerTokenFile("/etc/prometheus/token").tlsCaFile("/etc/prometheus/ca.pem")
                .tlsCertFile("/etc/prometheus/client.pem").tlsKeyFile("/etc/prometheus/client-key.pem"));

        Map<String, Object> entry = entries(merge(OPERATOR, tls).text()).get(0);

        assertThat(entry.get("authorization")).isEqualTo(Map.of("type", "Bearer",
                "credentials_file", "/etc/prometheus/token"));
        assertThat(entry.get("tls_config")).isEqualTo(Map.of("ca_file", "/etc/prometheus/ca.pem",
                "cert_file", "/etc/prometheus/client.pem", "key_file", "/etc/prometheus/client-key.pem"));
        assertThat(entry).doesNotContainKey("basic_auth");
    }

    @Test
    void twoEntriesOfOurNameAreRefused() {
        String twice = OPERATOR + """
                remote_write:
                  - name: quantum_safety
                    url: https://a.example.com/w
                  - name: quantum_safety
                    url: https://b.example.com/w
                """;

        assertThatThrownBy(() -> merge(twice, MIMIR)).isInstanceOf(OpsInputException.class)
                .hasMessageContaining("has 2 remote_write entries named 'quantum_safety'");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> entries(String text) {
        Map<String, Object> config = new Yaml().load(text);
        return Optional.ofNullable((List<Map<String, Object>>) config.get("remote_write")).orElse(List.of());
    }
}
