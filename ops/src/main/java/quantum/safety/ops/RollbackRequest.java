package quantum.safety.ops;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import quantum.safety.ops.plan.RollbackPlan;

/**
 * What {@code ops rollback} is asked to do: an immutable snapshot built with {@link #builder()}, like
 * {@link InstallRequest}. {@code to}: an install id ({@code install_qs_20260119_034418}), its manifest file, or a
 * single backup file ({@code prometheus.yml.backup_p12_20260119_034418}, legacy ones too); empty means the newest
 * install not rolled back yet.
 */
public final class RollbackRequest {

    private final Path prometheusConfig;
    private final Optional<Path> backupDir;
    private final Optional<String> to;
    private final String prometheusUrl;
    private final boolean reload;
    private final boolean verify;
    private final Duration verifyTimeout;
    private final boolean force;
    private final String promtool;
    private final String amtool;
    private final Clock clock;
    private final Predicate<RollbackPlan> confirm;

    private RollbackRequest(Builder b) {
        this.prometheusConfig = Objects.requireNonNull(b.prometheusConfig, "prometheus config");
        this.backupDir = Optional.ofNullable(b.backupDir);
        this.to = Optional.ofNullable(b.to);
        this.prometheusUrl = Objects.requireNonNull(b.prometheusUrl, "prometheus url");
        this.reload = b.reload;
        this.verify = b.verify;
        this.verifyTimeout = b.verifyTimeout;
        this.force = b.force;
        this.promtool = b.promtool;
        this.amtool = b.amtool;
        this.clock = b.clock;
        this.confirm = b.confirm;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Path prometheusConfig() {
        return prometheusConfig;
    }

    /** Where the manifests are; empty: next to prometheus.yml. */
    public Optional<Path> backupDir() {
        return backupDir;
    }

    public Optional<String> to() {
        return to;
    }

    public String prometheusUrl() {
        return prometheusUrl;
    }

    public boolean reload() {
        return reload;
    }

    public boolean verify() {
        return verify;
    }

    public Duration verifyTimeout() {
        return verifyTimeout;
    }

    public boolean force() {
        return force;
    }

    public String promtool() {
        return promtool;
    }

    public String amtool() {
        return amtool;
    }

    public Clock clock() {
        return clock;
    }

    /** Shown the plan before anything changes; false aborts. */
    public Predicate<RollbackPlan> confirm() {
        return confirm;
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

        public RollbackRequest build() {
            return new RollbackRequest(this);
        }
    }
}
