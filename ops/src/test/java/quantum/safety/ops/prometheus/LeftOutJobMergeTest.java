package quantum.safety.ops.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static quantum.safety.ops.prometheus.PrometheusConfigMergerTest.CONFIG_DIR;
import static quantum.safety.ops.prometheus.PrometheusConfigMergerTest.JOB;
import static quantum.safety.ops.prometheus.PrometheusConfigMergerTest.OPERATOR;
import static quantum.safety.ops.prometheus.PrometheusConfigMergerTest.RULES;
import static quantum.safety.ops.prometheus.PrometheusConfigMergerTest.SERVICE;
import static quantum.safety.ops.prometheus.PrometheusConfigMergerTest.jobNames;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A job the operator chose to leave out (the decision service's, {@code --job.decision-service=false}): taken out,
 * with its marker comment, where an install added it, so that the file is as if it had never been added; left, with
 * a note, where the operator wrote it.
 */
class LeftOutJobMergeTest {

    private static final String SERVICE_JOB = "quantum_safety_kernel";

    private final PrometheusConfigMerger merger = new PrometheusConfigMerger("prometheus.yml");

    private MergeResult both(String text) {
        return merger.merge(text, PrometheusConfigMerger.Request.builder().jobs(List.of(JOB, SERVICE))
                .ruleFiles(List.of(RULES)).configDir(CONFIG_DIR).build());
    }

    private MergeResult exporterOnly(String text) {
        return merger.merge(text, PrometheusConfigMerger.Request.builder().job(JOB).leaveOut(List.of(SERVICE_JOB))
                .ruleFiles(List.of(RULES)).configDir(CONFIG_DIR).build());
    }

    @Test
    void aJobAnInstallAddedIsTakenOutWithItsMarkerLeavingTheFileAsIfItWasNeverAdded() {
        String installed = both(OPERATOR).text();

        MergeResult result = exporterOnly(installed);

        assertThat(result.text()).isEqualTo(exporterOnly(OPERATOR).text());
        assertThat(result.text()).doesNotContain("decision service");
        assertThat(result.changes()).containsExactly("remove scrape job quantum_safety_kernel [127.0.0.1:9106]: an "
                + "earlier install added it, this one leaves it out");
        assertThat(result.notes()).isEmpty();
        MergeResult again = exporterOnly(result.text());
        assertThat(again.changed()).as("left out once, nothing more to do").isFalse();
        assertThat(again.notes()).isEmpty();
    }

    /** The marker, not the target, says who wrote it: a target the operator moved is still install's job. */
    @Test
    void aJobAnInstallAddedIsTakenOutAfterTheOperatorMovedItsTarget() {
        String moved = both(OPERATOR).text().replace("- 127.0.0.1:9106", "- 10.0.0.7:9106");

        MergeResult result = exporterOnly(moved);

        assertThat(jobNames(result.text())).containsExactly("prometheus", "node", "quantum_safety_telemetry");
        assertThat(result.changes()).singleElement().asString()
                .startsWith("remove scrape job quantum_safety_kernel [10.0.0.7:9106]");
    }

    @Test
    void aJobOfThatNameTheOperatorWroteStaysAndTheNoteSaysWhy() {
        String own = OPERATOR.replace("# end of file\n", """
                  - job_name: quantum_safety_kernel
                    static_configs:
                      - targets: ['10.0.0.7:9106']
                # end of file
                """);

        MergeResult result = exporterOnly(own);

        assertThat(jobNames(result.text())).containsExactly("prometheus", "node", "quantum_safety_kernel",
                "quantum_safety_telemetry");
        assertThat(result.changes()).noneMatch(c -> c.contains(SERVICE_JOB));
        assertThat(result.notes()).singleElement().asString()
                .startsWith("keep scrape job quantum_safety_kernel [10.0.0.7:9106], which this install leaves out: "
                        + "no install added it (no '# Quantum Safety decision service: added by 'quantum-safety ops "
                        + "install'.' above it)");
        MergeResult again = exporterOnly(result.text());
        assertThat(again.changed()).isFalse();
        assertThat(again.notes()).as("said every time, since the job is still there").hasSize(1);
    }

    @Test
    void windowsLineEndingsAndAMissingLastLineBreakAreTakenOutCleanly() {
        String crlf = both(OPERATOR.replace("\n", "\r\n")).text();
        assertThat(exporterOnly(crlf).text()).isEqualTo(exporterOnly(OPERATOR.replace("\n", "\r\n")).text());

        String last = both("scrape_configs:\n  - job_name: node\n    static_configs:\n      - targets: ['h:1']\n").text();
        String noLastBreak = last.substring(0, last.length() - 1);
        MergeResult result = exporterOnly(noLastBreak);
        assertThat(jobNames(result.text())).containsExactly("node", "quantum_safety_telemetry");
        assertThat(result.text()).doesNotContain("decision service").endsWith("service: safety-telemetry\n");
    }

    @Test
    void aJobCannotBeMergedAndLeftOutAtOnce() {
        assertThatThrownBy(() -> PrometheusConfigMerger.Request.builder().jobs(List.of(JOB, SERVICE))
                .leaveOut(List.of(SERVICE_JOB)).configDir(CONFIG_DIR).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both merged and left out");
    }
}
