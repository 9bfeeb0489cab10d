package quantum.safety.ops.verify;

import java.util.Optional;

import quantum.safety.ops.Http;

/**
 * What the exporter serves right now at one address: {@code /metrics} parsed, and the status codes of
 * {@code /-/ready} and {@code /-/healthy} (0 when it did not answer). {@code error} says why /metrics failed.
 */
public record ExporterSnapshot(HostPort address, Optional<Exposition> metrics, int readyStatus, int healthyStatus,
                               Optional<String> error, String rawMetrics) {

    public static ExporterSnapshot fetch(Http http, HostPort address) {
        String base = "http://" + address;
        Optional<Exposition> metrics = Optional.empty();
        Optional<String> error = Optional.empty();
        String raw = "";
        try {
            Http.Response response = http.get(base + "/metrics");
            if (response.status() == 200) {
                raw = response.body();
                metrics = Optional.of(Exposition.parse(raw));
            } else {
                error = Optional.of("GET " + base + "/metrics -> " + response.status());
            }
        } catch (Http.UnreachableException e) {
            error = Optional.of(e.getMessage());
        }
        return new ExporterSnapshot(address, metrics, status(http, base + "/-/ready"), status(http, base + "/-/healthy"),
                error, raw);
    }

    private static int status(Http http, String url) {
        try {
            return http.get(url).status();
        } catch (Http.UnreachableException e) {
            return 0;
        }
    }

    /**
     * What tells one exporter process from another: its build info labels and its SAFE MODE reading. Two addresses
     * with different identities are two processes (the legacy incident: a stale one answered on ::1).
     */
    public String identity() {
        return metrics.map(m -> m.named("quantum_safety_exporter_build_info").toString()
                + " safe_mode=" + m.value("quantum_safety_safe_mode").map(String::valueOf).orElse("?")).orElse("?");
    }
}
