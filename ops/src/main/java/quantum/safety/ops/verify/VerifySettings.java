package quantum.safety.ops.verify;

import java.util.Optional;

import quantum.safety.ops.Http;
import quantum.safety.ops.bundle.BundlePaths;
import quantum.safety.ops.prometheus.ExpectedRules;
import quantum.safety.ops.prometheus.PrometheusApi;

/**
 * What verify checks against. {@code requireAlertmanager}: when false and Prometheus has no Alertmanager, that check
 * is SKIPPED instead of FAILED (install asks for it only when it was given Alertmanager options).
 */
public record VerifySettings(PrometheusApi prometheus, Optional<String> alertmanagerUrl, HostPort exporter,
                             String jobName, ExpectedRules expectedRules, HostResolver resolver,
                             boolean requireAlertmanager, Http http) {

    public static VerifySettings of(String prometheusUrl, HostPort exporter, ExpectedRules rules) {
        Http http = Http.withDefaults();
        return new VerifySettings(new PrometheusApi(prometheusUrl, http), Optional.empty(), exporter,
                BundlePaths.JOB_NAME, rules, HostResolver.SYSTEM, true, http);
    }

    public VerifySettings withAlertmanager(Optional<String> url, boolean require) {
        return new VerifySettings(prometheus, url, exporter, jobName, expectedRules, resolver, require, http);
    }

    public VerifySettings withResolver(HostResolver newResolver) {
        return new VerifySettings(prometheus, alertmanagerUrl, exporter, jobName, expectedRules, newResolver,
                requireAlertmanager, http);
    }
}
