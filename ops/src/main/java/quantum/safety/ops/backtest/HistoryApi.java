package quantum.safety.ops.backtest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import quantum.safety.ops.Http;

/**
 * What the backtest asks Prometheus: {@code query_range} over a long range, split into calls of at most
 * {@code maxPoints} evaluations each (Prometheus refuses more than 11,000 points per series), and instant queries.
 */
public final class HistoryApi {

    /** Below Prometheus' 11,000 points per series, with room to spare. */
    public static final int MAX_POINTS = 10_000;

    /** Prometheus answered, but refused the expression as malformed (HTTP 400, bad_data). */
    public static final class BadExpression extends RuntimeException {
        public BadExpression(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final Http http;
    private final int maxPoints;
    private int calls;

    public HistoryApi(String baseUrl, Http http, int maxPoints) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = http;
        this.maxPoints = maxPoints;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** How many HTTP calls were made: the report says so, and tests check the range was split. */
    public int calls() {
        return calls;
    }

    /**
     * The expression at {@code evaluations} times {@code step} apart from {@code first}: label set (without
     * {@code __name__}) → time → value.
     */
    public Map<Map<String, String>, NavigableMap<Instant, Double>> queryRange(String expr, Instant first,
                                                                             Duration step, int evaluations) {
        Map<Map<String, String>, NavigableMap<Instant, Double>> series = new LinkedHashMap<>();
        for (int done = 0; done < evaluations; done += maxPoints) {
            int points = Math.min(maxPoints, evaluations - done);
            Instant start = first.plus(step.multipliedBy(done));
            Instant end = start.plus(step.multipliedBy(points - 1));
            JsonNode data = data("/api/v1/query_range?query=" + encode(expr) + "&start=" + seconds(start) + "&end="
                    + seconds(end) + "&step=" + seconds(step));
            for (JsonNode result : data.path("result")) {
                NavigableMap<Instant, Double> values = series.computeIfAbsent(labels(result), k -> new TreeMap<>());
                for (JsonNode pair : result.path("values")) {
                    values.put(Instant.ofEpochMilli(Math.round(pair.path(0).asDouble() * 1000)),
                            Double.parseDouble(pair.path(1).asText("NaN")));
                }
            }
        }
        return series;
    }

    /** How many series an instant query at {@code time} returns. */
    public int count(String expr, Instant time) {
        return data("/api/v1/query?query=" + encode(expr) + "&time=" + seconds(time)).path("result").size();
    }

    /** The first sample value of an instant query at {@code time}, or NaN when it returns nothing. */
    public double scalar(String expr, Instant time) {
        JsonNode result = data("/api/v1/query?query=" + encode(expr) + "&time=" + seconds(time)).path("result");
        return result.size() == 0 ? Double.NaN : Double.parseDouble(result.path(0).path("value").path(1).asText("NaN"));
    }

    /** The config Prometheus runs, as YAML (for its global evaluation_interval). */
    public String config() {
        return data("/api/v1/status/config").path("yaml").asText();
    }

    private JsonNode data(String path) {
        calls++;
        Http.Response response;
        try {
            response = http.get(baseUrl + path);
        } catch (Http.UnreachableException e) {
            throw new BacktestFailure("Prometheus at " + baseUrl + " did not answer: " + e.getMessage()
                    + "; check --prometheus.url", e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new BacktestFailure(baseUrl + " answered HTTP " + response.status()
                    + " without a Prometheus API body (is --prometheus.url a Prometheus?)", e);
        }
        if ("success".equals(body.path("status").asText())) {
            return body.path("data");
        }
        String error = body.path("error").asText(response.body().strip());
        if ("bad_data".equals(body.path("errorType").asText()) && response.status() == 400) {
            throw new BadExpression(error);
        }
        throw new BacktestFailure("Prometheus at " + baseUrl + " failed the query (HTTP " + response.status() + " "
                + body.path("errorType").asText() + "): " + error, null);
    }

    private static Map<String, String> labels(JsonNode result) {
        Map<String, String> labels = new HashMap<>();
        result.path("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        labels.remove("__name__");
        return Map.copyOf(labels);
    }

    private static String encode(String expr) {
        return URLEncoder.encode(expr, StandardCharsets.UTF_8);
    }

    private static String seconds(Instant instant) {
        return java.math.BigDecimal.valueOf(instant.toEpochMilli(), 3).stripTrailingZeros().toPlainString();
    }

    private static String seconds(Duration duration) {
        return java.math.BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
    }
}
