package quantum.safety.ops;

import java.util.Optional;

import quantum.safety.ops.alertmanager.AlertmanagerApi;
import quantum.safety.ops.event.OpsEvent.ReloadFailed;
import quantum.safety.ops.event.OpsEvent.ReloadLeftToOperator;
import quantum.safety.ops.event.OpsEvent.ReloadRequested;
import quantum.safety.ops.event.OpsEvent.Reloaded;
import quantum.safety.ops.event.OpsListener;
import quantum.safety.ops.plan.Service;
import quantum.safety.ops.prometheus.PrometheusApi;
import quantum.safety.ops.prometheus.PrometheusApi.ReloadOutcome;
import quantum.safety.ops.prometheus.PrometheusApi.ReloadResult;

/** Reloads Prometheus and Alertmanager, and says what happened, or what to run when the API is off. */
final class ReloadStep {

    static final String MANUAL_RELOAD = "kill -HUP $(pidof prometheus)   or   systemctl reload prometheus";
    static final String MANUAL_ALERTMANAGER_RELOAD =
            "kill -HUP $(pidof prometheus-alertmanager)   or   systemctl reload prometheus-alertmanager";

    private ReloadStep() {
    }

    /** {@code then}: what the operator does after reloading by hand, should the lifecycle API be off. */
    static ReloadResult prometheus(PrometheusApi prometheus, OpsListener events, String then) {
        events.on(new ReloadRequested(Service.PROMETHEUS, prometheus.baseUrl() + "/-/reload"));
        ReloadResult result = prometheus.reload();
        events.on(switch (result.outcome()) {
            case RELOADED -> new Reloaded(Service.PROMETHEUS, result.detail());
            case LIFECYCLE_DISABLED -> new ReloadLeftToOperator(Service.PROMETHEUS,
                    ReloadLeftToOperator.Reason.LIFECYCLE_API_OFF, result.detail(), MANUAL_RELOAD, then);
            case REJECTED -> new ReloadFailed(Service.PROMETHEUS, ReloadFailed.Failure.REJECTED, result.detail());
            case UNREACHABLE -> new ReloadFailed(Service.PROMETHEUS, ReloadFailed.Failure.UNREACHABLE, result.detail());
        });
        return result;
    }

    /** {@code --no-reload}: the files are live on disk; Prometheus reads them when the operator reloads it. */
    static void prometheusNotAsked(OpsListener events, String then) {
        events.on(new ReloadLeftToOperator(Service.PROMETHEUS, ReloadLeftToOperator.Reason.NOT_ASKED, null,
                MANUAL_RELOAD, then));
    }

    /**
     * Alertmanager keeps running its old config when a reload fails, and nothing it does can break the scrape, so
     * install reports a failure here instead of rolling back. True when Alertmanager re-read its config; with no URL
     * the operator is told the command to run.
     */
    static boolean alertmanager(Optional<String> baseUrl, Http http, OpsListener events) {
        if (baseUrl.isEmpty()) {
            events.on(new ReloadLeftToOperator(Service.ALERTMANAGER, ReloadLeftToOperator.Reason.NO_URL, null,
                    MANUAL_ALERTMANAGER_RELOAD, null));
            return false;
        }
        AlertmanagerApi api = new AlertmanagerApi(Http.requireBaseUrl("--alertmanager.url", baseUrl.get()), http);
        String url = api.baseUrl() + "/-/reload";
        events.on(new ReloadRequested(Service.ALERTMANAGER, url));
        try {
            Http.Response response = api.reload();
            String detail = "POST " + url + " -> " + response.status();
            events.on(response.ok() ? new Reloaded(Service.ALERTMANAGER, detail)
                    : new ReloadFailed(Service.ALERTMANAGER, ReloadFailed.Failure.REJECTED,
                            detail + " " + response.body().strip()));
            return response.ok();
        } catch (Http.UnreachableException e) {
            events.on(new ReloadFailed(Service.ALERTMANAGER, ReloadFailed.Failure.UNREACHABLE, e.getMessage()));
            return false;
        }
    }

    /** {@code --no-reload} on a change to Alertmanager's files: the command that reloads it, the URL's when known. */
    static void alertmanagerNotAsked(Optional<String> baseUrl, OpsListener events) {
        events.on(new ReloadLeftToOperator(Service.ALERTMANAGER, ReloadLeftToOperator.Reason.NOT_ASKED, null,
                baseUrl.map(AlertmanagerApi::reloadCommand)
                        .orElse(MANUAL_ALERTMANAGER_RELOAD), null));
    }

    static boolean reloaded(ReloadResult result) {
        return result.outcome() == ReloadOutcome.RELOADED;
    }
}
