package quantum.safety.ops;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import quantum.safety.ops.backup.ManifestStore;
import quantum.safety.ops.bundle.BundleSource;
import quantum.safety.ops.bundle.ClasspathBundleSource;
import quantum.safety.ops.plan.InstallPlan;
import quantum.safety.ops.verify.HostPort;
import quantum.safety.ops.verify.HostResolver;

/** Everything {@code ops install} is asked to do: an immutable snapshot built with {@link #builder()}. */
public final class InstallRequest {

    private final Path prometheusConfig;
    private final Path rulesDir;
    private final String prometheusUrl;
    private final Optional<Path> alertmanagerConfig;
    private final Optional<String> alertmanagerUrl;
    private final Optional<Path> grafanaProvisioningDir;
    private final Optional<Path> grafanaDashboardsDir;
    private final Optional<HostPort> exporterAddress;
    private final BundleSource bundle;
    private final Optional<Path> backupDir;
    private final String tag;
    private final boolean dryRun;
    private final boolean force;
    private final boolean reload;
    private final boolean verify;
    private final Duration verifyTimeout;
    private final String promtool;
    private final String amtool;
    private final Clock clock;
    private final HostResolver resolver;
    private final Predicate<InstallPlan> confirm;

    private InstallRequest(Builder b) {
        this.prometheusConfig = Objects.requireNonNull(b.prometheusConfig, "prometheus config");
        this.rulesDir = Objects.requireNonNull(b.rulesDir, "rules dir");
        this.prometheusUrl = b.prometheusUrl;
        this.alertmanagerConfig = Optional.ofNullable(b.alertmanagerConfig);
        this.alertmanagerUrl = Optional.ofNullable(b.alertmanagerUrl);
        this.grafanaProvisioningDir = Optional.ofNullable(b.grafanaProvisioningDir);
        this.grafanaDashboardsDir = Optional.ofNullable(b.grafanaDashboardsDir);
        this.exporterAddress = Optional.ofNullable(b.exporterAddress);
        this.bundle = b.bundle;
        this.backupDir = Optional.ofNullable(b.backupDir);
        this.tag = b.tag;
        this.dryRun = b.dryRun;
        this.force = b.force;
        this.reload = b.reload;
        this.verify = b.verify;
        this.verifyTimeout = b.verifyTimeout;
        this.promtool = b.promtool;
        this.amtool = b.amtool;
        this.clock = b.clock;
        this.resolver = b.resolver;
        this.confirm = b.confirm;
    }

    Path configPath() {
        return prometheusConfig.toAbsolutePath().normalize();
    }

    /** Where the install's manifest goes: {@code --backup.dir}, else next to prometheus.yml. */
    Path manifestDir() {
        return backupDir.orElse(ManifestStore.defaultDirFor(configPath())).toAbsolutePath().normalize();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Path prometheusConfig() {
        return prometheusConfig;
    }

    public Path rulesDir() {
        return rulesDir;
    }

    public String prometheusUrl() {
        return prometheusUrl;
    }

    public Optional<Path> alertmanagerConfig() {
        return alertmanagerConfig;
    }

    public Optional<String> alertmanagerUrl() {
        return alertmanagerUrl;
    }

    public Optional<Path> grafanaProvisioningDir() {
        return grafanaProvisioningDir;
    }

    public Optional<Path> grafanaDashboardsDir() {
        return grafanaDashboardsDir;
    }

    /** Where the exporter listens; empty: the bundle's scrape target. */
    public Optional<HostPort> exporterAddress() {
        return exporterAddress;
    }

    public BundleSource bundle() {
        return bundle;
    }

    /** Where backups and the manifest go; empty: next to prometheus.yml. */
    public Optional<Path> backupDir() {
        return backupDir;
    }

    public String tag() {
        return tag;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public boolean force() {
        return force;
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

    public String promtool() {
        return promtool;
    }

    public String amtool() {
        return amtool;
    }

    public Clock clock() {
        return clock;
    }

    public HostResolver resolver() {
        return resolver;
    }

    /** Shown the plan before anything changes; false aborts. The CLI asks on a terminal unless --yes. */
    public Predicate<InstallPlan> confirm() {
        return confirm;
    }

    /** Defaults: bundle from the classpath, Prometheus on 127.0.0.1:9090, tag {@code qs}, reload and verify on. */
    public static final class Builder {
        private Path prometheusConfig;
        private Path rulesDir;
        private String prometheusUrl = "http://127.0.0.1:9090";
        private Path alertmanagerConfig;
        private String alertmanagerUrl;
        private Path grafanaProvisioningDir;
        private Path grafanaDashboardsDir;
        private HostPort exporterAddress;
        private BundleSource bundle = ClasspathBundleSource.packaged();
        private Path backupDir;
        private String tag = "qs";
        private boolean dryRun;
        private boolean force;
        private boolean reload = true;
        private boolean verify = true;
        private Duration verifyTimeout = Duration.ofSeconds(60);
        private String promtool = "promtool";
        private String amtool = "amtool";
        private Clock clock = Clock.systemDefaultZone();
        private HostResolver resolver = HostResolver.SYSTEM;
        private Predicate<InstallPlan> confirm = plan -> true;

        public Builder prometheusConfig(Path v) { prometheusConfig = v; return this; }
        public Builder rulesDir(Path v) { rulesDir = v; return this; }
        public Builder prometheusUrl(String v) { prometheusUrl = v; return this; }
        public Builder alertmanagerConfig(Path v) { alertmanagerConfig = v; return this; }
        public Builder alertmanagerUrl(String v) { alertmanagerUrl = v; return this; }
        public Builder grafanaProvisioningDir(Path v) { grafanaProvisioningDir = v; return this; }
        public Builder grafanaDashboardsDir(Path v) { grafanaDashboardsDir = v; return this; }
        public Builder exporterAddress(HostPort v) { exporterAddress = v; return this; }
        public Builder bundle(BundleSource v) { bundle = v; return this; }
        public Builder backupDir(Path v) { backupDir = v; return this; }
        public Builder tag(String v) { tag = v; return this; }
        public Builder dryRun(boolean v) { dryRun = v; return this; }
        public Builder force(boolean v) { force = v; return this; }
        public Builder reload(boolean v) { reload = v; return this; }
        public Builder verify(boolean v) { verify = v; return this; }
        public Builder verifyTimeout(Duration v) { verifyTimeout = v; return this; }
        public Builder promtool(String v) { promtool = v; return this; }
        public Builder amtool(String v) { amtool = v; return this; }
        public Builder clock(Clock v) { clock = v; return this; }
        public Builder resolver(HostResolver v) { resolver = v; return this; }
        /** Shown the validated plan before anything changes; false aborts. The CLI asks on a terminal unless --yes. */
        public Builder confirm(Predicate<InstallPlan> v) { confirm = v; return this; }

        public InstallRequest build() {
            return new InstallRequest(this);
        }
    }
}
