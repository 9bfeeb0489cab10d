package quantum.safety.ops;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

import quantum.safety.ops.backup.InstallSetup;
import quantum.safety.ops.backup.ManifestStore;
import quantum.safety.ops.backup.RecordedRemoteWrite;
import quantum.safety.ops.backup.RemoteWriteRecall;
import quantum.safety.ops.bundle.BundleSource;
import quantum.safety.ops.bundle.ClasspathBundleSource;
import quantum.safety.ops.bundle.ServiceJob;
import quantum.safety.ops.plan.InstallPlan;
import quantum.safety.ops.prometheus.BundleScrapeJobs;
import quantum.safety.ops.prometheus.RemoteWrite;
import quantum.safety.ops.prometheus.RemoteWriteChoice;
import quantum.safety.ops.prometheus.ScrapeJob;
import quantum.safety.ops.verify.HostPort;
import quantum.safety.ops.verify.HostResolver;

/**
 * Everything {@code ops install} is asked to do: an immutable snapshot built with {@link #builder()}.
 *
 * @param exporterAddress where the exporter listens; empty: the bundle's scrape target
 * @param jobEnvironment  the {@code environment} label of the installed scrape job; empty: the bundle's labels as
 *                        they are (the packaged bundle has none)
 * @param decisionServiceJob whether prometheus.yml gets the decision service's scrape job; false, for a host that
 *                        runs no decision service, leaves it out and takes out one an earlier install added (one
 *                        install did not add stays)
 * @param archiveJob      the same for the audit archive's scrape job ({@code --job.archive})
 * @param remoteWriteChoice the remote_write entry to install and why; without one, the one an earlier install added
 *                        is taken out (one install did not add stays). Not given: {@link Installer} keeps the entry
 *                        the install in place recorded ({@link RemoteWriteRecall})
 * @param backupDir       where backups and the manifest go; empty: next to prometheus.yml
 * @param confirm         shown the plan before anything changes; false aborts. The CLI asks on a terminal unless --yes
 */
public record InstallRequest(Path prometheusConfig, Path rulesDir, String prometheusUrl,
                             Optional<Path> alertmanagerConfig, Optional<String> alertmanagerUrl,
                             Optional<Path> grafanaProvisioningDir, Optional<Path> grafanaDashboardsDir,
                             Optional<HostPort> exporterAddress, Optional<String> jobEnvironment,
                             boolean decisionServiceJob, boolean archiveJob, RemoteWriteChoice remoteWriteChoice,
                             BundleSource bundle,
                             Optional<Path> backupDir,
                             String tag, boolean dryRun, boolean force, boolean reload, boolean verify,
                             Duration verifyTimeout, String promtool, String amtool, Clock clock,
                             HostResolver resolver, Predicate<InstallPlan> confirm) {

    /** Rejects a request without the files it installs into, naming the missing one. */
    public InstallRequest {
        if (prometheusConfig == null) {
            throw new IllegalArgumentException("prometheus config is missing; set InstallRequest.builder().prometheusConfig(path)");
        }
        if (rulesDir == null) {
            throw new IllegalArgumentException("rules dir is missing; set InstallRequest.builder().rulesDir(path)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The remote_write entry to install; empty: none. */
    Optional<RemoteWrite> remoteWrite() {
        return remoteWriteChoice.entry();
    }

    /** This request with the remote write the install in place recorded, when none was given. */
    InstallRequest withRemoteWriteRecalled() {
        RemoteWriteChoice recalled = RemoteWriteRecall.recall(remoteWriteChoice, new ManifestStore(manifestDir()));
        return new InstallRequest(prometheusConfig, rulesDir, prometheusUrl, alertmanagerConfig, alertmanagerUrl,
                grafanaProvisioningDir, grafanaDashboardsDir, exporterAddress, jobEnvironment, decisionServiceJob,
                archiveJob, recalled, bundle, backupDir, tag, dryRun, force, reload, verify, verifyTimeout, promtool,
                amtool, clock, resolver, confirm);
    }

    Path configPath() {
        return prometheusConfig.toAbsolutePath().normalize();
    }

    /** Where the install's manifest goes: {@code --backup.dir}, else next to prometheus.yml. */
    Path manifestDir() {
        return backupDir.orElse(ManifestStore.defaultDirFor(configPath())).toAbsolutePath().normalize();
    }

    /** Where Prometheus will scrape the exporter: {@code exporterAddress}, else the bundle's scrape target. */
    HostPort exporterTarget() {
        return exporterAddress.orElseGet(() -> {
            ScrapeJob job = BundleScrapeJobs.of(bundle).exporter();
            return HostPort.parse("the bundle's scrape target", job.targets().get(0));
        });
    }

    /** Whether prometheus.yml gets {@code service}'s scrape job (when the bundle has it). */
    boolean wants(ServiceJob service) {
        return service.equals(ServiceJob.ARCHIVE) ? archiveJob : decisionServiceJob;
    }

    /** Every address and file this install uses, as its manifest records them. */
    InstallSetup setup() {
        return InstallSetup.builder()
                .prometheusUrl(Http.requireBaseUrl("--prometheus.url", prometheusUrl))
                .prometheusConfig(configPath())
                .rulesDir(rulesDir)
                .exporterAddress(exporterTarget().toString())
                .alertmanagerUrl(alertmanagerUrl.map(u -> Http.requireBaseUrl("--alertmanager.url", u)).orElse(null))
                .alertmanagerConfig(alertmanagerConfig.orElse(null))
                .grafanaProvisioningDir(grafanaProvisioningDir.orElse(null))
                .grafanaDashboardsDir(grafanaDashboardsDir.orElse(null))
                .bundleDir(bundle.directory().orElse(null))
                .backupDir(manifestDir())
                .decisionServiceJob(decisionServiceJob)
                .archiveJob(archiveJob)
                .remoteWrite(remoteWrite().map(RecordedRemoteWrite::of).orElse(null))
                .build();
    }

    /**
     * Defaults: bundle from the classpath, Prometheus on 127.0.0.1:9090, tag {@code qs}, the decision service's and
     * the audit archive's jobs in, reload and verify on.
     */
    public static final class Builder {
        private Path prometheusConfig;
        private Path rulesDir;
        private String prometheusUrl = "http://127.0.0.1:9090";
        private Path alertmanagerConfig;
        private String alertmanagerUrl;
        private Path grafanaProvisioningDir;
        private Path grafanaDashboardsDir;
        private HostPort exporterAddress;
        private String jobEnvironment;
        private boolean decisionServiceJob = true;
        private boolean archiveJob = true;
        private RemoteWriteChoice remoteWrite = RemoteWriteChoice.NOT_GIVEN;
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

        private Builder() {
        }

        public Builder prometheusConfig(Path v) { prometheusConfig = v; return this; }
        public Builder rulesDir(Path v) { rulesDir = v; return this; }
        public Builder prometheusUrl(String v) { prometheusUrl = v; return this; }
        public Builder alertmanagerConfig(Path v) { alertmanagerConfig = v; return this; }
        public Builder alertmanagerUrl(String v) { alertmanagerUrl = v; return this; }
        public Builder grafanaProvisioningDir(Path v) { grafanaProvisioningDir = v; return this; }
        public Builder grafanaDashboardsDir(Path v) { grafanaDashboardsDir = v; return this; }
        public Builder exporterAddress(HostPort v) { exporterAddress = v; return this; }
        /** The environment label of the installed job; null: none added. */
        public Builder jobEnvironment(String v) { jobEnvironment = v; return this; }
        /** False: no decision service scrape job, and one an earlier install added is taken out. */
        public Builder decisionServiceJob(boolean v) { decisionServiceJob = v; return this; }
        /** False: no audit archive scrape job, and one an earlier install added is taken out. */
        public Builder archiveJob(boolean v) { archiveJob = v; return this; }
        /** The remote_write entry the flags give; null: none given, so the one the install in place recorded stays. */
        public Builder remoteWrite(RemoteWrite v) {
            remoteWrite = v == null ? RemoteWriteChoice.NOT_GIVEN : RemoteWriteChoice.given(v);
            return this;
        }
        /** The remote_write entry given, none ({@code --remote-write.url=none}), or not given (then recalled). */
        public Builder remoteWriteChoice(RemoteWriteChoice v) { remoteWrite = v; return this; }
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

        /** Builds the request; throws {@link IllegalArgumentException} naming a missing prometheus config or rules dir. */
        public InstallRequest build() {
            return new InstallRequest(prometheusConfig, rulesDir, prometheusUrl, Optional.ofNullable(alertmanagerConfig),
                    Optional.ofNullable(alertmanagerUrl), Optional.ofNullable(grafanaProvisioningDir),
                    Optional.ofNullable(grafanaDashboardsDir), Optional.ofNullable(exporterAddress),
                    Optional.ofNullable(jobEnvironment), decisionServiceJob, archiveJob,
                    remoteWrite == null ? RemoteWriteChoice.NOT_GIVEN : remoteWrite,
                    bundle,
                    Optional.ofNullable(backupDir), tag, dryRun, force, reload, verify, verifyTimeout, promtool, amtool,
                    clock, resolver, confirm);
        }
    }
}
