package quantum.safety.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import quantum.safety.monitoring.Bundle;
import quantum.safety.ops.backup.ManifestStore;
import quantum.safety.ops.prometheus.DeploymentRule;
import quantum.safety.ops.prometheus.PrometheusApi;
import quantum.safety.ops.prometheus.PrometheusApi.Sample;
import quantum.safety.testkit.RequiresTools;

/**
 * The dashboard's "ops install" and "ops rollback" annotation queries, as shipped, on a real Prometheus that three
 * installs and two rollbacks go through (back to nothing, and back to the install before): each install is marked at
 * its own time, each rollback names the install it undid. Grafana runs these queries at each step of the dashboard's range; an instant query is one such step.
 */
@RequiresTools({"prometheus", "promtool", "prometheus-alertmanager"})
class DeploymentAnnotationsEndToEndTest {

    private static final Pattern VALUE = Pattern.compile("expr: vector\\((\\d+)\\)");

    @AutoClose
    private OpsEnvironment env;

    @Test
    void afterEachInstallAndRollbackTheAnnotationQueriesAnswerWhatHappened() throws Exception {
        env = OpsEnvironment.start();
        PrometheusApi prometheus = new PrometheusApi(env.prometheus().url(), Http.withDefaults());
        String installs = annotation("ops install");
        String rollbacks = annotation("ops rollback");

        String first = install(env.install());
        long firstAt = installedAt();
        awaitAnswer(prometheus, installs, "the first install", first, firstAt * 1000.0);
        assertThat(prometheus.query(rollbacks)).as("an install is no rollback").isEmpty();

        // Back to nothing: the rule file goes, and its series with it.
        rollBack();
        awaitAnswer(prometheus, rollbacks, "the rollback of the first install", first, firstAt);
        await("no install is live").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> prometheus.query(installs).isEmpty());
        assertThat(env.rulesDir().resolve(DeploymentRule.FILE_NAME)).doesNotExist();

        String second = install(env.install());
        long secondAt = installedAt();
        awaitAnswer(prometheus, installs, "the second install", second, secondAt * 1000.0);
        await("a new install ends the rollback's mark").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).until(() -> prometheus.query(rollbacks).isEmpty());

        // A third install that changes something (the environment label of the jobs), then its rollback: the second
        // install's rule file comes back.
        String third = install(env.install().jobEnvironment("staging"));
        long thirdAt = installedAt();
        assertThat(List.of(first, second)).doesNotContain(third);
        awaitAnswer(prometheus, installs, "the third install", third, thirdAt * 1000.0);
        assertThat(prometheus.query(rollbacks)).as("a newer install is no rollback").isEmpty();

        rollBack();
        assertThat(installedAt()).isEqualTo(secondAt);
        awaitAnswer(prometheus, rollbacks, "the rollback of the third install", third, thirdAt);
        awaitAnswer(prometheus, installs, "the second install, live again", second, secondAt * 1000.0);
    }

    private String install(InstallRequest.Builder request) {
        OpsResult result = new Installer(request.build(), env.events()).install();
        assertThat(result.exitCode()).as(env.events().toString()).isZero();
        return new ManifestStore(ManifestStore.defaultDirFor(env.config())).latestActive().orElseThrow().id();
    }

    private void rollBack() {
        OpsResult result = new Rollback(env.rollback().build(), env.events()).run();
        assertThat(result.exitCode()).as(env.events().toString()).isZero();
    }

    /** The install time the live deployment rule carries. */
    private long installedAt() throws Exception {
        Matcher m = VALUE.matcher(Files.readString(env.rulesDir().resolve(DeploymentRule.FILE_NAME)));
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** Waits for the rule's next evaluation (every 30 s) until the query answers one point of {@code installId}. */
    private static void awaitAnswer(PrometheusApi prometheus, String expr, String what, String installId, double value) {
        await(what).atMost(Duration.ofSeconds(75)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<Sample> answer = prometheus.query(expr);
            assertThat(answer).as("%s: %s", what, expr).singleElement().satisfies(s -> {
                assertThat(s.labels()).isEqualTo(Map.of("install_id", installId));
                assertThat(s.value()).isEqualTo(value);
            });
        });
    }

    /** The shipped dashboard's annotation query named {@code name}. */
    private static String annotation(String name) throws Exception {
        JsonNode model = new ObjectMapper().readTree(Bundle.read(Bundle.DASHBOARD));
        for (JsonNode annotation : model.path("annotations").path("list")) {
            if (annotation.path("name").asText().equals(name)) {
                return annotation.path("expr").asText();
            }
        }
        throw new AssertionError("the dashboard has no annotation " + name);
    }
}
