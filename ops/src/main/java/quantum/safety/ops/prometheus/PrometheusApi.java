package quantum.safety.ops.prometheus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import quantum.safety.ops.Http;

/**
 * The parts of the Prometheus HTTP API ({@code /api/v1/...}) and management API ({@code /-/...}) that install,
 * verify and doctor use, as small immutable records.
 */
public final class PrometheusApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One active scrape target. */
    public record Target(String job, String scrapeUrl, String health, String lastError, String lastScrape,
                         double lastScrapeDurationSeconds, String scrapeInterval) {
    }

    /** One loaded rule, alerting or recording. */
    public record Rule(String name, String type, String health, String lastError, String query) {
    }

    /** One loaded rule group and the file it came from. */
    public record RuleGroup(String name, String file, double intervalSeconds, List<Rule> rules) {
    }

    /** One sample of an instant query. */
    public record Sample(Map<String, String> labels, double value) {
    }

    /** What {@code POST /-/reload} did. */
    public enum ReloadOutcome { RELOADED, REJECTED, LIFECYCLE_DISABLED, UNREACHABLE }

    public record ReloadResult(ReloadOutcome outcome, String detail) {
    }

    private final String baseUrl;
    private final Http http;

    public PrometheusApi(String baseUrl, Http http) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = http;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public boolean ready() {
        try {
            return http.get(baseUrl + "/-/ready").status() == 200;
        } catch (Http.UnreachableException e) {
            return false;
        }
    }

    /**
     * Asks Prometheus to re-read its config. 403/404 mean the lifecycle API is off (no
     * {@code --web.enable-lifecycle}); 500 means Prometheus rejected the new config and kept the old one.
     */
    public ReloadResult reload() {
        try {
            Http.Response response = http.post(baseUrl + "/-/reload");
            if (response.ok()) {
                return new ReloadResult(ReloadOutcome.RELOADED, "POST " + baseUrl + "/-/reload -> " + response.status());
            }
            if (response.status() == 403 || response.status() == 404 || response.status() == 405) {
                return new ReloadResult(ReloadOutcome.LIFECYCLE_DISABLED, "POST " + baseUrl + "/-/reload -> "
                        + response.status() + " " + response.body().strip());
            }
            return new ReloadResult(ReloadOutcome.REJECTED, "POST " + baseUrl + "/-/reload -> " + response.status()
                    + " " + response.body().strip());
        } catch (Http.UnreachableException e) {
            return new ReloadResult(ReloadOutcome.UNREACHABLE, e.getMessage());
        }
    }

    public List<Target> targets() throws Http.UnreachableException {
        List<Target> targets = new ArrayList<>();
        for (JsonNode t : data("/api/v1/targets?state=active").path("activeTargets")) {
            targets.add(new Target(t.path("labels").path("job").asText(t.path("scrapePool").asText()),
                    t.path("scrapeUrl").asText(), t.path("health").asText(), t.path("lastError").asText(),
                    t.path("lastScrape").asText(), t.path("lastScrapeDuration").asDouble(),
                    t.path("scrapeInterval").asText()));
        }
        return targets;
    }

    public List<RuleGroup> ruleGroups() throws Http.UnreachableException {
        List<RuleGroup> groups = new ArrayList<>();
        for (JsonNode g : data("/api/v1/rules").path("groups")) {
            List<Rule> rules = new ArrayList<>();
            for (JsonNode r : g.path("rules")) {
                rules.add(new Rule(r.path("name").asText(), r.path("type").asText(), r.path("health").asText(),
                        r.path("lastError").asText(""), r.path("query").asText()));
            }
            groups.add(new RuleGroup(g.path("name").asText(), g.path("file").asText(), g.path("interval").asDouble(),
                    List.copyOf(rules)));
        }
        return groups;
    }

    /** The Alertmanager URLs Prometheus sends alerts to. */
    public List<String> alertmanagers() throws Http.UnreachableException {
        List<String> urls = new ArrayList<>();
        data("/api/v1/alertmanagers").path("activeAlertmanagers").forEach(a -> urls.add(a.path("url").asText()));
        return urls;
    }

    public List<Sample> query(String expr) throws Http.UnreachableException {
        List<Sample> samples = new ArrayList<>();
        JsonNode data = data("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
        for (JsonNode result : data.path("result")) {
            Map<String, String> labels = new LinkedHashMap<>();
            result.path("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            samples.add(new Sample(Map.copyOf(labels), Double.parseDouble(result.path("value").path(1).asText("NaN"))));
        }
        return samples;
    }

    /** Command-line flags, e.g. {@code web.enable-lifecycle}. */
    public Map<String, String> flags() throws Http.UnreachableException {
        return strings(data("/api/v1/status/flags"));
    }

    public Map<String, String> buildInfo() throws Http.UnreachableException {
        return strings(data("/api/v1/status/buildinfo"));
    }

    /** The config Prometheus runs now, as YAML with its defaults filled in and secrets hidden. */
    public String config() throws Http.UnreachableException {
        return data("/api/v1/status/config").path("yaml").asText();
    }

    /** {@code reloadConfigSuccess}, {@code lastConfigTime} and friends. */
    public Map<String, String> runtimeInfo() throws Http.UnreachableException {
        return strings(data("/api/v1/status/runtimeinfo"));
    }

    private JsonNode data(String path) throws Http.UnreachableException {
        Http.Response response = http.get(baseUrl + path);
        try {
            JsonNode body = JSON.readTree(response.body());
            if (!"success".equals(body.path("status").asText())) {
                throw new Http.UnreachableException(baseUrl + path + " -> " + response.status() + " "
                        + body.path("error").asText(response.body()), null);
            }
            return body.path("data");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Http.UnreachableException(baseUrl + path + " -> " + response.status()
                    + ": not a Prometheus API answer (is this Prometheus?)", e);
        }
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
