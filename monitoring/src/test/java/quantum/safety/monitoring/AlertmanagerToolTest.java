package quantum.safety.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import quantum.safety.testkit.RequiresTools;

/** The real amtool on the real alertmanager.yml, its receiver examples and its templates. */
@RequiresTools({"amtool"})
class AlertmanagerToolTest {

    @TempDir
    Path dir;

    private Path alertmanager() throws IOException {
        return Bundle.copyTo(dir).resolve("alertmanager");
    }

    @Test
    void checkConfigAcceptsTheConfigWithItsInhibitionsReceiversAndTemplates() throws IOException {
        Tool check = Tool.run(alertmanager(), "amtool", "check-config", "alertmanager.yml");
        assertThat(check.succeeded()).as(check.describe()).isTrue();
        assertThat(check.output()).contains("7 inhibit rules").contains("3 receivers").contains("1 templates");
    }

    /** Every alert of the rules goes where its severity says: critical pages, warning tickets, Watchdog heartbeats. */
    @TestFactory
    Stream<DynamicTest> everyAlertRoutesToTheReceiverOfItsSeverity() throws IOException {
        Path am = alertmanager();
        return RuleFiles.alerts().stream().map(alert -> DynamicTest.dynamicTest(alert.name(), () -> {
            String expected = alert.name().equals("Watchdog") ? "watchdog"
                    : switch (alert.labels().get("severity")) {
                        case "critical" -> "pager";
                        case "warning" -> "ticket";
                        default -> throw new AssertionError("unexpected severity of " + alert.name());
                    };
            assertRoute(am, expected, "alertname=" + alert.name(), "severity=" + alert.labels().get("severity"),
                    "component=" + alert.labels().get("component"), "environment=production",
                    "instance=127.0.0.1:9105");
        }));
    }

    @Test
    void eachRouteResolvesToItsReceiver() throws IOException {
        Path am = alertmanager();
        assertRoute(am, "pager", "alertname=SomethingNew", "severity=critical");
        assertRoute(am, "ticket", "alertname=SomethingNew", "severity=warning");
        assertRoute(am, "watchdog", "alertname=Watchdog", "severity=none");
        // An alert someone forgot to label still reaches people, as a ticket.
        assertRoute(am, "ticket", "alertname=SomethingNew");
    }

    /** The Slack and email examples are real receivers: spliced into the config, amtool accepts them. */
    @Test
    @SuppressWarnings("unchecked")
    void theSlackAndEmailExamplesAreValidReceivers() throws IOException {
        Path am = alertmanager();
        Map<String, Object> config = new Yaml().load(Files.readString(am.resolve("alertmanager.yml")));
        List<Object> receivers = new ArrayList<>((List<Object>) config.get("receivers"));
        for (String example : List.of("receivers/slack.example.yml", "receivers/email.example.yml")) {
            List<Object> extra = new Yaml().load(Files.readString(am.resolve(example)));
            assertThat(extra).as(example).isNotEmpty();
            receivers.addAll(extra);
        }
        config.put("receivers", receivers);
        Map<String, Object> route = (Map<String, Object>) config.get("route");
        List<Object> routes = new ArrayList<>((List<Object>) route.get("routes"));
        routes.add(Map.of("receiver", "pager-slack", "matchers", List.of("team=\"slack\"")));
        routes.add(Map.of("receiver", "ticket-email", "matchers", List.of("team=\"email\"")));
        route.put("routes", routes);
        Files.writeString(am.resolve("with-examples.yml"), new Yaml().dump(config));

        Tool check = Tool.run(am, "amtool", "check-config", "with-examples.yml");
        assertThat(check.succeeded()).as(check.describe()).isTrue();
        assertThat(check.output()).contains("6 receivers");
        assertThat(Files.readString(am.resolve("receivers/slack.example.yml"))).contains("api_url_file:")
                .doesNotContain("api_url:");
        assertThat(Files.readString(am.resolve("receivers/email.example.yml"))).contains("auth_password_file:")
                .doesNotContain("auth_password:");
    }

    @Test
    void theMessageTemplatesRender() throws IOException {
        Path am = alertmanager();
        Path data = dir.resolve("notification.json");
        Files.writeString(data, """
                {"receiver": "pager", "status": "firing", "externalURL": "http://127.0.0.1:9093",
                 "groupLabels": {"alertname": "QuantumSafeModeActive", "environment": "production"},
                 "commonLabels": {"alertname": "QuantumSafeModeActive", "environment": "production"},
                 "commonAnnotations": {},
                 "alerts": [{"status": "firing", "startsAt": "2026-01-19T02:57:18Z", "endsAt": "0001-01-01T00:00:00Z",
                   "labels": {"alertname": "QuantumSafeModeActive", "severity": "critical",
                              "component": "safety-kernel", "instance": "127.0.0.1:9105"},
                   "annotations": {"summary": "SAFE MODE is on", "description": "on for 1 minute",
                                   "runbook_url": "https://example.org/runbooks.md#quantumsafemodeactive"}}]}
                """);
        Tool title = Tool.run(am, "amtool", "template", "render", "--template.glob=templates/*.tmpl",
                "--template.text={{ template \"quantum_safety.title\" . }}", "--template.data=" + data);
        assertThat(title.succeeded()).as(title.describe()).isTrue();
        assertThat(title.output()).contains("[FIRING:1] QuantumSafeModeActive (production)");

        Tool text = Tool.run(am, "amtool", "template", "render", "--template.glob=templates/*.tmpl",
                "--template.text={{ template \"quantum_safety.text\" . }}", "--template.data=" + data);
        assertThat(text.succeeded()).as(text.describe()).isTrue();
        assertThat(text.output()).contains("FIRING: SAFE MODE is on").contains("instance=127.0.0.1:9105")
                .contains("Runbook: https://example.org/runbooks.md#quantumsafemodeactive");
    }

    private static void assertRoute(Path am, String receiver, String... labels) {
        List<String> cmd = new ArrayList<>(List.of("amtool", "config", "routes", "test",
                "--config.file=alertmanager.yml", "--verify.receivers=" + receiver));
        cmd.addAll(List.of(labels));
        Tool route = Tool.run(am, cmd.toArray(String[]::new));
        // --verify.receivers makes amtool exit non-zero when the route resolves to any other receiver
        assertThat(route.succeeded()).as(route.describe()).isTrue();
        assertThat(route.output()).contains(receiver);
    }
}
