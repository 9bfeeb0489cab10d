package quantum.safety.ops;

import java.io.PrintWriter;

import quantum.safety.ops.prometheus.PrometheusApi;
import quantum.safety.ops.prometheus.PrometheusApi.ReloadOutcome;
import quantum.safety.ops.prometheus.PrometheusApi.ReloadResult;

/** Reloads Prometheus and tells the operator, in one place, what happened and what to do when the API is off. */
final class ReloadStep {

    static final String MANUAL_RELOAD = "kill -HUP $(pidof prometheus)   or   systemctl reload prometheus";

    private ReloadStep() {
    }

    static ReloadResult reload(PrometheusApi prometheus, PrintWriter out) {
        ReloadResult result = prometheus.reload();
        switch (result.outcome()) {
            case RELOADED -> out.println("reload:  " + result.detail());
            case LIFECYCLE_DISABLED -> {
                out.println("reload:  the lifecycle API is off (" + result.detail() + ").");
                out.println("         Reload Prometheus yourself:  " + MANUAL_RELOAD);
            }
            case REJECTED -> out.println("reload:  Prometheus rejected the config and kept the old one: " + result.detail());
            case UNREACHABLE -> out.println("reload:  Prometheus did not answer: " + result.detail());
        }
        return result;
    }

    static boolean reloaded(ReloadResult result) {
        return result.outcome() == ReloadOutcome.RELOADED;
    }
}
