package quantum.safety.ops;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

import quantum.safety.ops.backup.InstallSetup;
import quantum.safety.ops.commands.OperatorCommands;
import quantum.safety.ops.plan.RollbackPlan;

/**
 * What {@code ops rollback} is asked to do: an immutable snapshot built with {@link #builder()}, like
 * {@link InstallRequest}.
 *
 * @param backupDir where the manifests are; empty: next to prometheus.yml
 * @param to        an install id ({@code install_qs_20260119_034418}), its manifest file, or a single backup file
 *                  ({@code prometheus.yml.backup_p12_20260119_034418}, legacy ones too); empty means the newest
 *                  install not rolled back yet
 * @param prometheusUrl    the Prometheus to reload; empty: the one the install recorded in its manifest, else
 *                         {@value #DEFAULT_PROMETHEUS_URL}
 * @param alertmanagerUrl  the Alertmanager to reload when the rollback changes its files; empty: the one the install
 *                         recorded, else none (the operator is told to reload it by hand)
 * @param confirm   shown the plan before anything changes; false aborts
 */
public record RollbackRequest(Path prometheusConfig, Optional<Path> backupDir, Optional<String> to,
                              Optional<String> prometheusUrl, Optional<String> alertmanagerUrl, boolean reload,
                              boolean verify, Duration verifyTimeout, boolean force, String promtool, String amtool,
                              Clock clock, Predicate<RollbackPlan> confirm) {

    /** The Prometheus reloaded when neither the operator nor the manifest names one. */
    public static final String DEFAULT_PROMETHEUS_URL = "http://127.0.0.1:9090";

    /** Rejects a request without the config it restores. */
    public RollbackRequest {
        if (prometheusConfig == null) {
            throw new IllegalArgumentException("prometheus config is missing; set RollbackRequest.builder().prometheusConfig(path)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The commands printed to the operator, aimed at the same config, manifests and services as this rollback. */
    OperatorCommands commands() {
        return new OperatorCommands(InstallSetup.builder().prometheusConfig(configPath())
                .prometheusUrl(prometheusUrl.orElse(null)).alertmanagerUrl(alertmanagerUrl.orElse(null))
                .backupDir(backupDir.orElse(null)).build());
    }

    Path configPath() {
        return prometheusConfig.toAbsolutePath().normalize();
    }

    /**
     * Defaults: the newest install, the services its manifest names, reload and verify on (60 s), tools from PATH,
     * no confirmation asked.
     */
    public static final class Builder {
        private Path prometheusConfig;
        private Path backupDir;
        private String to;
        private String prometheusUrl;
        private String alertmanagerUrl;
        private boolean reload = true;
        private boolean verify = true;
        private Duration verifyTimeout = Duration.ofSeconds(60);
        private boolean force;
        private String promtool = "promtool";
        private String amtool = "amtool";
        private Clock clock = Clock.systemDefaultZone();
        private Predicate<RollbackPlan> confirm = plan -> true;

        private Builder() {
        }

        public Builder prometheusConfig(Path v) { prometheusConfig = v; return this; }
        /** The Prometheus to reload; null: the install's, from its manifest. */
        public Builder prometheusUrl(String v) { prometheusUrl = v; return this; }
        /** The Alertmanager to reload; null: the install's, from its manifest. */
        public Builder alertmanagerUrl(String v) { alertmanagerUrl = v; return this; }
        public Builder backupDir(Path v) { backupDir = v; return this; }
        /** An install id, manifest or backup file; null: the newest install not rolled back yet. */
        public Builder to(String v) { to = v; return this; }
        public Builder reload(boolean v) { reload = v; return this; }
        public Builder verify(boolean v) { verify = v; return this; }
        public Builder verifyTimeout(Duration v) { verifyTimeout = v; return this; }
        public Builder force(boolean v) { force = v; return this; }
        public Builder promtool(String v) { promtool = v; return this; }
        public Builder amtool(String v) { amtool = v; return this; }
        public Builder clock(Clock v) { clock = v; return this; }
        public Builder confirm(Predicate<RollbackPlan> v) { confirm = v; return this; }

        /** Builds the request; throws {@link IllegalArgumentException} when the prometheus config is missing. */
        public RollbackRequest build() {
            return new RollbackRequest(prometheusConfig, Optional.ofNullable(backupDir), Optional.ofNullable(to),
                    Optional.ofNullable(prometheusUrl), Optional.ofNullable(alertmanagerUrl), reload, verify,
                    verifyTimeout, force, promtool, amtool, clock, confirm);
        }
    }
}
