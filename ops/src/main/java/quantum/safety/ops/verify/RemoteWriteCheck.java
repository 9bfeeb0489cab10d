package quantum.safety.ops.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import quantum.safety.ops.Http;
import quantum.safety.ops.prometheus.PrometheusApi;
import quantum.safety.ops.prometheus.RemoteWrite;

/**
 * When Prometheus runs our remote_write entry ({@link RemoteWrite#NAME}), how it is doing, from Prometheus' own
 * {@code /metrics}: samples refused for good ({@code prometheus_remote_storage_samples_failed_total}), retried,
 * pending, and how far the newest sample sent lags the newest one Prometheus holds. Prometheus counts a batch the
 * receiver refused as sent too, so any refused sample is a warning: the counter only grows until Prometheus restarts
 * (or the entry changes), and a check that said "fine" while samples were being dropped would be worse than one that
 * keeps reminding of a fixed loss; the alerts judge rates over time. Then whether Prometheus
 * scrapes those metrics itself, without which the remote-write alerts cannot fire. Warnings only: the long-term store
 * is not what local monitoring and alerting depend on, so it never rolls an install back. Nothing is reported when
 * Prometheus runs no such entry.
 */
public final class RemoteWriteCheck implements Check {

    static final String DELIVERS = "remote write " + RemoteWrite.NAME + " delivers samples";
    static final String SELF_SCRAPED = "Prometheus scrapes its own remote-write metrics (for the alerts)";
    /** Evidence of a queue that has done nothing yet: worth waiting for, right after a reload. */
    static final String NOTHING_YET = "nothing sent yet";
    /** The lag above which the queue counts as behind, as QuantumSafetyRemoteWriteBehind has it. */
    static final double BEHIND_SECONDS = 120;

    @Override
    public String title() {
        return "remote write delivers samples (when installed; warns only)";
    }

    @Override
    public boolean settling(List<CheckResult> results) {
        return results.stream().anyMatch(r -> r.status() == Status.WARNING && r.evidence().contains(NOTHING_YET));
    }

    @Override
    public List<CheckResult> run(Observations o, VerifySettings s) {
        Optional<String> url;
        String metrics;
        try {
            url = ourUrl(s.prometheus().config());
            if (url.isEmpty()) {
                return List.of();
            }
            Http.Response response = s.http().get(s.prometheus().baseUrl() + "/metrics");
            if (!response.ok()) {
                return List.of(CheckResult.skipped(Section.PROMETHEUS_SCRAPING, DELIVERS, "GET "
                        + s.prometheus().baseUrl() + "/metrics -> " + response.status()));
            }
            metrics = response.body();
        } catch (Http.UnreachableException e) {
            // The other checks report Prometheus unreachable; there is nothing to say about its queue.
            return List.of();
        }
        List<CheckResult> results = new ArrayList<>();
        results.add(delivery(Exposition.parse(metrics), url.get()));
        results.add(selfScraped(o, s));
        return results;
    }

    private static CheckResult delivery(Exposition metrics, String url) {
        double failed = ours(metrics, "prometheus_remote_storage_samples_failed_total");
        double retried = ours(metrics, "prometheus_remote_storage_samples_retried_total");
        double pending = ours(metrics, "prometheus_remote_storage_samples_pending");
        double sent = ours(metrics, "prometheus_remote_storage_queue_highest_sent_timestamp_seconds");
        double newest = metrics.value("prometheus_remote_storage_highest_timestamp_in_seconds").orElse(0.0);
        String counts = String.format("%s: failed %.0f, retried %.0f, pending %.0f", url, failed, retried, pending);
        String logs = " (Prometheus' log names the receiver's answer: journalctl -u prometheus | grep remote)";
        if (failed > 0) {
            return CheckResult.warning(Section.PROMETHEUS_SCRAPING, DELIVERS, counts + "; the receiver refused samples "
                    + "for good, and Prometheus dropped them: they are missing from the store", "check the credentials "
                    + "(the password or token file, readable by the user Prometheus runs as), the tenant header and "
                    + "the URL" + logs + ". The count only grows until Prometheus restarts or the entry changes: after "
                    + "a fix, the receiver's data and QuantumSafetyRemoteWriteFailing (a rate) say whether refusals go "
                    + "on (docs/runbooks.md#quantumsafetyremotewritefailing)");
        }
        if (sent <= 0) {
            return CheckResult.warning(Section.PROMETHEUS_SCRAPING, DELIVERS, counts + "; " + (retried > 0
                            ? "nothing delivered: the receiver does not accept (5xx, 429, unreachable), Prometheus retries"
                            : NOTHING_YET + " (Prometheus sends within batch_send_deadline, 5 s, of a scrape)"),
                    "make sure the receiver runs and answers at that URL from this host" + logs
                            + " (docs/runbooks.md#quantumsafetyremotewritebehind)");
        }
        double lag = Math.max(0, newest - sent);
        String evidence = counts + String.format("; newest sample sent %.0f s behind the newest held", lag);
        if (lag > BEHIND_SECONDS) {
            return CheckResult.warning(Section.PROMETHEUS_SCRAPING, DELIVERS, evidence, "the receiver is slow or "
                    + "refuses part of the load; see docs/runbooks.md#quantumsafetyremotewritebehind");
        }
        return CheckResult.passed(Section.PROMETHEUS_SCRAPING, DELIVERS, evidence);
    }

    /**
     * The alerts read {@code prometheus_remote_storage_*} from Prometheus' own TSDB: does Prometheus scrape itself? An
     * active target at its own address says so at once (right after a reload the TSDB may not hold the queue's
     * series yet); else the series in the TSDB, scraped under another name of the host, say so too.
     */
    private static CheckResult selfScraped(Observations o, VerifySettings s) {
        String self = java.net.URI.create(s.prometheus().baseUrl()).getRawAuthority();
        if (o.targets().ok()) {
            Optional<PrometheusApi.Target> target = o.targets().value().stream()
                    .filter(t -> self.equals(authority(t.scrapeUrl()))).findFirst();
            if (target.isPresent()) {
                return CheckResult.passed(Section.PROMETHEUS_SCRAPING, SELF_SCRAPED, "job " + target.get().job()
                        + " scrapes " + target.get().scrapeUrl());
            }
        }
        String query = "prometheus_remote_storage_highest_timestamp_in_seconds";
        try {
            if (!s.prometheus().query(query).isEmpty()) {
                return CheckResult.passed(Section.PROMETHEUS_SCRAPING, SELF_SCRAPED, query + " is in Prometheus");
            }
        } catch (Http.UnreachableException e) {
            return CheckResult.skipped(Section.PROMETHEUS_SCRAPING, SELF_SCRAPED, "Prometheus unreachable: "
                    + e.getMessage());
        }
        return CheckResult.warning(Section.PROMETHEUS_SCRAPING, SELF_SCRAPED, "no target scrapes " + self
                + " and Prometheus holds no " + query + ": it does not scrape itself, so "
                + "QuantumSafetyRemoteWriteFailing and QuantumSafetyRemoteWriteBehind cannot fire", "add a job scraping "
                + "Prometheus to scrape_configs in prometheus.yml (- job_name: prometheus, static_configs: [{targets: ['"
                + self + "']}]) and reload it");
    }

    private static String authority(String url) {
        try {
            return java.net.URI.create(url).getRawAuthority();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** The value of a series of our queue; 0 when Prometheus shows none (a gauge not set yet). */
    private static double ours(Exposition metrics, String name) {
        return metrics.named(name).stream().filter(x -> RemoteWrite.NAME.equals(x.labels().get("remote_name")))
                .mapToDouble(Exposition.Series::value).sum();
    }

    /** The URL of the remote_write entry named ours in the config Prometheus runs, if it has one. */
    public static Optional<String> ourUrl(String runningYaml) {
        Object loaded = new Yaml(new LoaderOptions()).load(runningYaml);
        if (!(loaded instanceof Map<?, ?> config) || !(config.get("remote_write") instanceof List<?> entries)) {
            return Optional.empty();
        }
        return entries.stream().filter(Map.class::isInstance).map(e -> (Map<?, ?>) e)
                .filter(e -> RemoteWrite.NAME.equals(e.get("name"))).map(e -> String.valueOf(e.get("url"))).findFirst();
    }
}
