package quantum.safety.ops.backup;

import java.nio.file.Path;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import quantum.safety.ops.bundle.ServiceJob;

/**
 * Every address and file an install used, as the operator gave them (paths absolute): recorded in its manifest so
 * that verify, doctor, backups and rollback find the same Prometheus, exporter and Alertmanager without being told
 * again, and so that the commands they print carry them. A null field was not given (or, in a manifest written
 * before this record existed, not recorded).
 *
 * <p>{@code decisionServiceJob} is the operator's choice of {@code --job.decision-service}: whether install puts the
 * decision service's scrape job into prometheus.yml. Null: not given, or not recorded (installs from before the choice
 * put the job in, so null means on). {@code archiveJob} is the same for {@code --job.archive} and the audit archive's
 * job.
 *
 * <p>{@code remoteWrite} is the remote_write entry the install put in ({@code --remote-write.*}, or kept from the
 * install before), which a later install without those flags keeps. Null: none (and so for manifests written before
 * it was recorded).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record InstallSetup(String prometheusUrl, String prometheusConfig, String rulesDir, String exporterAddress,
                           String alertmanagerUrl, String alertmanagerConfig, String grafanaProvisioningDir,
                           String grafanaDashboardsDir, String bundleDir, String backupDir,
                           Boolean decisionServiceJob, Boolean archiveJob, RecordedRemoteWrite remoteWrite) {

    /** Prometheus' HTTP address when neither a flag, its env twin nor a manifest names one. */
    public static final String DEFAULT_PROMETHEUS_URL = "http://127.0.0.1:9090";
    /** Where Debian's prometheus package keeps its config; the default manifest folder sits next to it. */
    public static final Path DEFAULT_PROMETHEUS_CONFIG = Path.of("/etc/prometheus/prometheus.yml");
    /** Where Debian's Prometheus looks for rule files, for an install command printed before any install. */
    public static final Path DEFAULT_RULES_DIR = Path.of("/etc/prometheus/rules");
    /** The bundle's scrape target. */
    public static final String DEFAULT_EXPORTER_ADDRESS = "127.0.0.1:9105";

    public static final InstallSetup NONE = builder().build();

    public static Builder builder() {
        return new Builder();
    }

    /** Each field of this setup, or where it has none, the one of {@code fallback}: flags over a manifest. */
    public InstallSetup orElse(InstallSetup fallback) {
        return new InstallSetup(pick(prometheusUrl, fallback.prometheusUrl),
                pick(prometheusConfig, fallback.prometheusConfig), pick(rulesDir, fallback.rulesDir),
                pick(exporterAddress, fallback.exporterAddress), pick(alertmanagerUrl, fallback.alertmanagerUrl),
                pick(alertmanagerConfig, fallback.alertmanagerConfig),
                pick(grafanaProvisioningDir, fallback.grafanaProvisioningDir),
                pick(grafanaDashboardsDir, fallback.grafanaDashboardsDir), pick(bundleDir, fallback.bundleDir),
                pick(backupDir, fallback.backupDir), pick(decisionServiceJob, fallback.decisionServiceJob),
                pick(archiveJob, fallback.archiveJob), pick(remoteWrite, fallback.remoteWrite));
    }

    /** The same setup with the manifest folder it was found in. */
    public InstallSetup withBackupDir(Path dir) {
        return toBuilder().backupDir(dir).build();
    }

    /** Prometheus' address: the one given or recorded, else {@link #DEFAULT_PROMETHEUS_URL}. */
    public String prometheusUrlOrDefault() {
        return prometheusUrl != null ? prometheusUrl : DEFAULT_PROMETHEUS_URL;
    }

    /** The exporter's address: the one given or recorded, else the bundle's target. */
    public String exporterAddressOrDefault() {
        return exporterAddress != null ? exporterAddress : DEFAULT_EXPORTER_ADDRESS;
    }

    /** Whether the decision service's scrape job is installed: the choice given or recorded, else on. */
    public boolean decisionServiceJobOrDefault() {
        return !Boolean.FALSE.equals(decisionServiceJob);
    }

    /** Whether the audit archive's scrape job is installed: the choice given or recorded, else on. */
    public boolean archiveJobOrDefault() {
        return !Boolean.FALSE.equals(archiveJob);
    }

    /** Whether {@code service}'s scrape job is installed: the choice given or recorded, else on. */
    public boolean chosen(ServiceJob service) {
        return service.equals(ServiceJob.ARCHIVE) ? archiveJobOrDefault() : decisionServiceJobOrDefault();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.prometheusUrl = prometheusUrl;
        b.prometheusConfig = prometheusConfig;
        b.rulesDir = rulesDir;
        b.exporterAddress = exporterAddress;
        b.alertmanagerUrl = alertmanagerUrl;
        b.alertmanagerConfig = alertmanagerConfig;
        b.grafanaProvisioningDir = grafanaProvisioningDir;
        b.grafanaDashboardsDir = grafanaDashboardsDir;
        b.bundleDir = bundleDir;
        b.backupDir = backupDir;
        b.decisionServiceJob = decisionServiceJob;
        b.archiveJob = archiveJob;
        b.remoteWrite = remoteWrite;
        return b;
    }

    private static <T> T pick(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** Paths are kept absolute and normalised, so that a recorded setup means the same from any working folder. */
    public static final class Builder {
        private String prometheusUrl;
        private String prometheusConfig;
        private String rulesDir;
        private String exporterAddress;
        private String alertmanagerUrl;
        private String alertmanagerConfig;
        private String grafanaProvisioningDir;
        private String grafanaDashboardsDir;
        private String bundleDir;
        private String backupDir;
        private Boolean decisionServiceJob;
        private Boolean archiveJob;
        private RecordedRemoteWrite remoteWrite;

        private Builder() {
        }

        public Builder prometheusUrl(String v) { prometheusUrl = v; return this; }
        public Builder prometheusConfig(Path v) { prometheusConfig = path(v); return this; }
        public Builder rulesDir(Path v) { rulesDir = path(v); return this; }
        public Builder exporterAddress(String v) { exporterAddress = v; return this; }
        public Builder alertmanagerUrl(String v) { alertmanagerUrl = v; return this; }
        public Builder alertmanagerConfig(Path v) { alertmanagerConfig = path(v); return this; }
        public Builder grafanaProvisioningDir(Path v) { grafanaProvisioningDir = path(v); return this; }
        public Builder grafanaDashboardsDir(Path v) { grafanaDashboardsDir = path(v); return this; }
        public Builder bundleDir(Path v) { bundleDir = path(v); return this; }
        public Builder backupDir(Path v) { backupDir = path(v); return this; }
        /** Whether install puts the decision service's scrape job in; null: not given (then on). */
        public Builder decisionServiceJob(Boolean v) { decisionServiceJob = v; return this; }
        /** Whether install puts the audit archive's scrape job in; null: not given (then on). */
        public Builder archiveJob(Boolean v) { archiveJob = v; return this; }
        /** The remote_write entry install put in; null: none. */
        public Builder remoteWrite(RecordedRemoteWrite v) { remoteWrite = v; return this; }

        public InstallSetup build() {
            return new InstallSetup(prometheusUrl, prometheusConfig, rulesDir, exporterAddress, alertmanagerUrl,
                    alertmanagerConfig, grafanaProvisioningDir, grafanaDashboardsDir, bundleDir, backupDir,
                    decisionServiceJob, archiveJob, remoteWrite);
        }

        private static String path(Path p) {
            return p == null ? null : p.toAbsolutePath().normalize().toString();
        }
    }
}
