package quantum.safety.ops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import quantum.safety.kernel.Decision;
import quantum.safety.kernel.Intent;
import quantum.safety.kernel.KernelConfig;
import quantum.safety.kernel.Reason;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.SafetyKernel;
import quantum.safety.monitoring.Bundle;
import quantum.safety.ops.prometheus.PrometheusApi.Sample;
import quantum.safety.testkit.RequiresTools;
import quantum.safety.testkit.WebhookReceiver.Alert;
import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;
import redis.clients.jedis.UnifiedJedis;

/**
 * The monitoring bundle's end-to-end proof: kernel → Redis → exporter → Prometheus (real rules) → Alertmanager (real routing and
 * inhibition) → a webhook, and every Grafana panel query answered by that Prometheus (the decision service's and the
 * audit archive's rows by stand-ins serving their contracts' metrics; the decision service's going away pages). {@code for:} durations are
 * shortened in the test's copy of the rules only (see {@link FastBundle}); promtool's unit tests cover the real ones.
 */
@RequiresTools({"prometheus", "prometheus-alertmanager"})
class MonitoringEndToEndTest {

    private static final Logger LOG = LoggerFactory.getLogger(MonitoringEndToEndTest.class);
    private static final String JOB = "quantum_safety_telemetry";
    private static final String PAGER = "/quantum-safety/pager";

    /**
     * Panel titles allowed to answer no data in this setup, each with the reason. Empty: every panel gets data from the
     * demo traffic and one trip, the decision service's and the audit archive's rows from their stand-ins.
     */
    private static final Map<String, String> PANELS_WITHOUT_DATA = Map.of();

    /** Alerts that describe one exporter instance's view and must be muted once that exporter is down. */
    private static final Set<String> SILENCED_BY_EXPORTER_DOWN = Set.of("QuantumSafeModeActive", "QuantumRedisConnectionLost",
            "QuantumKillSwitchEngaged", "QuantumSafeModeLatched", "QuantumSafetyExporterCollectorFailing");

    private MonitoringStack stack;
    private UnifiedJedis jedis;
    private DemoTraffic traffic;

    @AfterEach
    void stop() {
        if (traffic != null) {
            traffic.close();
        }
        if (jedis != null) {
            jedis.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aTripPagesTheDashboardAnswersAndOutagesOfTheExporterAndTheDecisionServicePage() throws Exception {
        long started = System.nanoTime();
        stack = MonitoringStack.start();
        // Opened as a trading service opens the kernel's client: every wait within the decision deadline.
        jedis = RedisConnector.to(RedisEndpoint.standalone(stack.redis.host(), stack.redis.port()),
                RedisCredentials.none()).forDecisions(KernelConfig.DEFAULT_DECISION_TIMEOUT).open();
        String instance = stack.exporter.address().toString();
        // What the execution services keep in Redis on a running system.
        jedis.set("quantum:mode", "TESTNET");
        jedis.set("quantum:governor:execution", "ENABLED");
        jedis.set("quantum:kill", "0");
        traffic = DemoTraffic.start(jedis);
        await("Prometheus scrapes the exporter").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> stack.api.query("up{job=\"" + JOB + "\"} == 1").size() == 1);

        // Trip: a burst of one symbol over the kernel's limits (legacy defaults: 5 per symbol, 20 in all, per 10 s).
        SafetyKernel kernel = SafetyKernel.create(KernelConfig.builder().cooldownSeconds(300).kernelId("e2e-burst").build(),
                jedis, RedisSchema.legacy());
        List<Decision> burst = new ArrayList<>();
        for (int i = 0; i < 30 && burst.stream().noneMatch(Decision::tripped); i++) {
            burst.add(kernel.decide(Intent.of("BTCUSDT", "BUY").withCorrelationId("burst-" + i)));
        }
        Decision trip = burst.get(burst.size() - 1);
        assertThat(trip.tripped()).as(burst.toString()).isTrue();
        assertThat(trip.reason()).isIn(Reason.GLOBAL_RATE_EXCEEDED, Reason.SYMBOL_RATE_EXCEEDED);
        assertThat(kernel.decide(Intent.of("ETHUSDT", "SELL")).reason()).isEqualTo(Reason.SAFE_MODE_ENABLED);

        Alert safeMode = await("QuantumSafeModeActive reaches the pager webhook").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> find("QuantumSafeModeActive", instance, true, 0), Optional::isPresent).orElseThrow();
        LOG.info("QuantumSafeModeActive arrived {} s after start", (System.nanoTime() - started) / 1_000_000_000);
        assertThat(safeMode.path()).isEqualTo(PAGER);
        assertThat(safeMode.labels()).containsEntry("severity", "critical").containsEntry("component", "safety-kernel")
                .containsEntry("job", JOB).containsEntry("instance", instance).containsEntry("environment", "production")
                .containsEntry("service", "safety-telemetry");
        assertThat(safeMode.annotations().get("summary")).contains("SAFE MODE is on");
        assertThat(safeMode.annotations().get("description")).contains(instance, "quantum_safety_safe_mode = 1");
        assertThat(safeMode.annotations().get("runbook_url")).isEqualTo(Bundle.RUNBOOK_BASE_URL + "#quantumsafemodeactive");

        // An operator clears SAFE MODE; the router's intents pass again and fill the current rate window.
        kernel.operations().clearSafeMode("e2e-operator", "drill over");
        await("every dashboard panel query returns data").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(panelsWithoutData()).as("panel queries answering no data").isEmpty());
        List<DashboardQueries.Query> queries = DashboardQueries.all();
        LOG.info("{} queries of {} dashboard panels answered with data after {} demo decisions", queries.size(),
                queries.stream().map(DashboardQueries.Query::panelId).distinct().count(), traffic.decisions());
        assertThat(traffic.failure()).isNull();

        // The exporter goes away: the exporter-down page arrives, and nothing else from that instance after it.
        stack.exporter.close();
        Alert down = await("QuantumTelemetryExporterDown reaches the pager webhook").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> find("QuantumTelemetryExporterDown", instance, true, 0), Optional::isPresent).orElseThrow();
        assertThat(down.path()).isEqualTo(PAGER);
        assertThat(down.labels()).containsEntry("severity", "critical").containsEntry("component", "telemetry")
                .containsEntry("job", JOB).containsEntry("environment", "production");
        assertThat(down.annotations().get("description")).contains(instance, "up = 0");
        assertThat(down.annotations().get("runbook_url")).isEqualTo(Bundle.RUNBOOK_BASE_URL + "#quantumtelemetryexporterdown");
        await("no alert from the down exporter after its exporter-down page").during(Duration.ofSeconds(6))
                .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> stack.webhook.alerts().stream().noneMatch(a -> a.seq() > down.seq()
                        && instance.equals(a.labels().get("instance")) && !a.name().equals("QuantumTelemetryExporterDown")));
        assertThat(stack.webhook.errors()).isEmpty();
        assertThat(stack.webhook.alerts()).noneMatch(a -> a.seq() > down.seq() && SILENCED_BY_EXPORTER_DOWN.contains(a.name())
                && a.firing());
        // The decision service goes away: its own page arrives, naming its job and instance.
        String service = stack.service.address().toString();
        stack.service.close();
        Alert serviceDown = await("QuantumSafetyDecisionServiceDown reaches the pager webhook").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> find("QuantumSafetyDecisionServiceDown", service, true, 0), Optional::isPresent).orElseThrow();
        assertThat(serviceDown.path()).isEqualTo(PAGER);
        assertThat(serviceDown.labels()).containsEntry("severity", "critical").containsEntry("component", "decision-service")
                .containsEntry("job", "quantum_safety_kernel").containsEntry("service", "safety-kernel")
                .containsEntry("environment", "production");
        assertThat(serviceDown.annotations().get("description")).contains(service, "up = 0");
        assertThat(serviceDown.annotations().get("runbook_url"))
                .isEqualTo(Bundle.RUNBOOK_BASE_URL + "#quantumsafetydecisionservicedown");
        // The heartbeat goes to its own receiver. Prometheus evaluates the Watchdog before it has discovered the
        // Alertmanager, drops that first send and resends only after --rules.alert.resend-delay (1 minute).
        await("the Watchdog reaches the watchdog webhook").atMost(Duration.ofSeconds(100)).pollInterval(Duration.ofMillis(500))
                .until(() -> stack.webhook.alerts().stream().anyMatch(a -> a.name().equals("Watchdog") && a.firing()
                        && a.path().equals("/quantum-safety/watchdog") && "none".equals(a.labels().get("severity"))));
        assertThat(stack.webhook.alerts()).noneMatch(a -> a.name().equals("Watchdog") && !a.path().endsWith("/watchdog"));
        LOG.info("alerts received: {}", stack.webhook.alerts().stream().map(a -> a.seq() + ":" + a.name() + "/" + a.status()).toList());
        LOG.info("whole run: {} s", (System.nanoTime() - started) / 1_000_000_000);
    }

    private Optional<Alert> find(String name, String instance, boolean firing, int afterSeq) {
        return stack.webhook.alerts().stream().filter(a -> a.seq() > afterSeq && a.name().equals(name)
                && instance.equals(a.labels().get("instance")) && a.firing() == firing).findFirst();
    }

    /** The panel queries (as "panel refId: expr") that answer an empty result right now. */
    private Set<String> panelsWithoutData() throws Exception {
        Map<String, List<Sample>> answers = new LinkedHashMap<>();
        for (DashboardQueries.Query q : DashboardQueries.all()) {
            if (PANELS_WITHOUT_DATA.containsKey(q.panel())) {
                continue;
            }
            answers.put(q.panel() + " " + q.refId() + ": " + q.expr(), stack.api.query(q.expr()));
        }
        return answers.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }
}
