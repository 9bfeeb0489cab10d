package quantum.safety.ops;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

import quantum.safety.ops.plan.RollbackPlan;

/**
 * What {@code ops rollback} is asked to do: an immutable snapshot built with {@link #builder()}, like
 * {@link InstallRequest}.
 *
 * @param backupDir where the manifests are; empty: next to prometheus.yml
 * @param to        an install id ({@code install_qs_20260119_034418}), its manifest file, or a single backup file
 *                  ({@code prometheus.yml.backup_p12_20260119_034418}, legacy ones too); empty means the newest
 *                  install not rolled back yet
 * @param confirm   shown the plan before anything changes; false aborts
 */
public record RollbackRequest(Path prometheusConfig, Optional<Path> backupDir, Optional<String> to,
                              String prometheusUrl, boolean reload, boolean verify, Duration verifyTimeout,
                              boolean force, String promtool, String amtool, Clock clock,
                              Predicate<RollbackPlan> confirm) {

    /** Rejects a request without the config it restores or the Prometheus it reloads, naming the missing one. */
    public RollbackRequest {
        if (prometheusConfig == null) {
            throw new IllegalArgumentException("prometheus config is missing; set RollbackRequest.builder().prometheusConfig(path)");
        }
        if (prometheusUrl == null) {
            throw new IllegalArgumentException("prometheus url is missing; set RollbackRequest.builder().prometheusUrl(url)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    Path configPath() {
        return prometheusConfig.toAbsolutePath().normalize();
    }

    /** Defaults: the newest install, reload and verify on (60 s), tools from PATH, no confirmation asked. */
    public static final class Builder {
        private Path prometheusConfig;
        private Path backupDir;
        private String to;
        private String prometheusUrl;
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
        public Builder prometheusUrl(String v) { prometheusUrl = v; return this; }
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

        /** Builds the request; throws {@link IllegalArgumentException} naming a missing prometheus config or url. */
        public RollbackRequest build() {
            return new RollbackRequest(prometheusConfig, Optional.ofNullable(backupDir), Optional.ofNullable(to),
                    prometheusUrl, reload, verify, verifyTimeout, force, promtool, amtool, clock, confirm);
        }
    }
}
