package quantum.safety.ops.verify;

import java.util.List;

import quantum.safety.ops.Http;
import quantum.safety.ops.prometheus.PrometheusApi;

/**
 * One round of asking: Prometheus' targets, rules and Alertmanagers, and what the exporter serves, each either a
 * value or the reason it could not be had. Checks are pure functions of this (plus sockets for the listen check),
 * so one round asks each service once.
 */
public record Observations(Attempt<List<PrometheusApi.Target>> targets, Attempt<List<PrometheusApi.RuleGroup>> rules,
                           Attempt<List<String>> alertmanagers, ExporterSnapshot exporter) {

    /** A value, or why there is none. */
    public record Attempt<T>(T value, String error) {
        public boolean ok() {
            return error == null;
        }

        static <T> Attempt<T> of(Call<T> call) {
            try {
                return new Attempt<>(call.get(), null);
            } catch (Http.UnreachableException e) {
                return new Attempt<>(null, e.getMessage());
            }
        }
    }

    @FunctionalInterface
    interface Call<T> {
        T get() throws Http.UnreachableException;
    }

    public static Observations gather(PrometheusApi prometheus, Http http, HostPort exporter) {
        return new Observations(Attempt.of(prometheus::targets), Attempt.of(prometheus::ruleGroups),
                Attempt.of(prometheus::alertmanagers), ExporterSnapshot.fetch(http, exporter));
    }
}
