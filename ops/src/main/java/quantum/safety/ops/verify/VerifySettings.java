package quantum.safety.ops.verify;

import java.util.Optional;

import quantum.safety.ops.Http;
import quantum.safety.ops.backup.InstallSetup;
import quantum.safety.ops.bundle.BundlePaths;
import quantum.safety.ops.bundle.ServiceJob;
import quantum.safety.ops.commands.OperatorCommands;
import quantum.safety.ops.prometheus.ExpectedRules;
import quantum.safety.ops.prometheus.PrometheusApi;

/**
 * What verify checks against: an immutable snapshot built with {@link #builder()}.
 *
 * @param requireAlertmanager when false and Prometheus has no Alertmanager, that check is SKIPPED instead of FAILED
 *                            (install asks for it only when it was given Alertmanager options)
 * @param setup               the install's files and addresses, for the commands the fixes print
 * @param serviceJob          the decision service's job, when the bundle has one and the install put it in (or the
 *                            operator keeps one of their own; {@link ServiceJobToCheck}): its targets are checked, and
 *                            only warned about ({@link ServiceTargetCheck}); empty: not looked at
 * @param archiveJob          the same for the audit archive's job
 */
public record VerifySettings(PrometheusApi prometheus, Optional<String> alertmanagerUrl, HostPort exporter,
                             String jobName, ExpectedRules expectedRules, HostResolver resolver,
                             boolean requireAlertmanager, Http http, InstallSetup setup, Optional<String> serviceJob,
                             Optional<String> archiveJob) {

    /** Rejects settings without something to check, naming the missing part. */
    public VerifySettings {
        if (prometheus == null) {
            throw new IllegalArgumentException("prometheus url is missing; set VerifySettings.builder().prometheusUrl(url)");
        }
        if (exporter == null) {
            throw new IllegalArgumentException("exporter address is missing; set VerifySettings.builder().exporter(address)");
        }
        if (expectedRules == null) {
            throw new IllegalArgumentException("expected rules are missing; set VerifySettings.builder().expectedRules(rules)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The job of {@code service} to look at: {@link #serviceJob()} or {@link #archiveJob()}. */
    public Optional<String> jobOf(ServiceJob service) {
        return service.equals(ServiceJob.ARCHIVE) ? archiveJob : service.equals(ServiceJob.DECISION_SERVICE)
                ? serviceJob : Optional.empty();
    }

    /** The commands a fix prints: complete, with the install's files and addresses. */
    public OperatorCommands commands() {
        return new OperatorCommands(setup);
    }

    /**
     * Defaults: the bundle's job name, the system resolver, Alertmanager required when Prometheus has none, and
     * {@link Http#withDefaults()}; Prometheus, the exporter and the expected rules must be set.
     */
    public static final class Builder {
        private String prometheusUrl;
        private String alertmanagerUrl;
        private HostPort exporter;
        private String jobName = BundlePaths.JOB_NAME;
        private ExpectedRules expectedRules;
        private HostResolver resolver = HostResolver.SYSTEM;
        private boolean requireAlertmanager = true;
        private Http http;
        private InstallSetup setup = InstallSetup.NONE;
        private String serviceJob;
        private String archiveJob;

        private Builder() {
        }

        public Builder prometheusUrl(String v) { prometheusUrl = v; return this; }
        /** The Alertmanager Prometheus must send to; null: whichever ones it sends to. */
        public Builder alertmanagerUrl(String v) { alertmanagerUrl = v; return this; }
        public Builder exporter(HostPort v) { exporter = v; return this; }
        public Builder jobName(String v) { jobName = v; return this; }
        public Builder expectedRules(ExpectedRules v) { expectedRules = v; return this; }
        public Builder resolver(HostResolver v) { resolver = v; return this; }
        public Builder requireAlertmanager(boolean v) { requireAlertmanager = v; return this; }
        public Builder http(Http v) { http = v; return this; }
        /** The install's files and addresses, for the commands in fixes; what these settings say fills its gaps. */
        public Builder setup(InstallSetup v) { setup = v; return this; }
        /** The decision service's job name; null (the default): the service is not looked at. */
        public Builder serviceJob(String v) { serviceJob = v; return this; }
        /** The audit archive's job name; null (the default): the archive is not looked at. */
        public Builder archiveJob(String v) { archiveJob = v; return this; }

        /** Builds the settings; throws {@link IllegalArgumentException} naming what is missing. */
        public VerifySettings build() {
            // Made here rather than as the field's default, so that a caller's own Http opens no idle client.
            Http client = http == null ? Http.withDefaults() : http;
            PrometheusApi prometheus = prometheusUrl == null ? null : new PrometheusApi(prometheusUrl, client);
            InstallSetup checked = InstallSetup.builder().prometheusUrl(prometheusUrl)
                    .exporterAddress(exporter == null ? null : exporter.toString()).alertmanagerUrl(alertmanagerUrl).build();
            return new VerifySettings(prometheus, Optional.ofNullable(alertmanagerUrl), exporter, jobName,
                    expectedRules, resolver, requireAlertmanager, client, checked.orElse(setup),
                    Optional.ofNullable(serviceJob), Optional.ofNullable(archiveJob));
        }
    }
}
