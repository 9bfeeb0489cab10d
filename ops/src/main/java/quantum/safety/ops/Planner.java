package quantum.safety.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import quantum.safety.ops.backup.WritableCheck;
import quantum.safety.ops.bundle.BundlePaths;
import quantum.safety.ops.bundle.ServiceJob;
import quantum.safety.ops.plan.FileKind;
import quantum.safety.ops.plan.InstallPlan;
import quantum.safety.ops.plan.PlannedReload;
import quantum.safety.ops.plan.PlannedVerification;
import quantum.safety.ops.plan.Service;
import quantum.safety.ops.prometheus.BundleScrapeJobs;
import quantum.safety.ops.prometheus.DeploymentRule;
import quantum.safety.ops.prometheus.MergeResult;
import quantum.safety.ops.prometheus.PrometheusConfigMerger;
import quantum.safety.ops.prometheus.PrometheusProcessUser;
import quantum.safety.ops.prometheus.RemoteWriteFiles;
import quantum.safety.ops.prometheus.ScrapeJob;
import quantum.safety.ops.validate.GrafanaFiles;
import quantum.safety.ops.verify.Check;
import quantum.safety.ops.verify.RemoteWriteCheck;
import quantum.safety.ops.verify.ServiceJobToCheck;
import quantum.safety.ops.verify.ServiceTargetCheck;
import quantum.safety.ops.verify.Verifier;

/**
 * Works out, without changing anything, which files install would write and with what bytes. Every input problem
 * (missing file, unwritable folder, a job with our name scraping elsewhere) is found here, before the first write.
 */
final class Planner {

    /** The files to write, with their bytes, and the folders that must be created first. */
    record Plan(List<PlannedFile> files, List<Path> missingDirectories) {
        List<PlannedFile> changed() {
            return files.stream().filter(PlannedFile::changed).toList();
        }
    }

    private final InstallRequest request;

    Planner(InstallRequest request) {
        this.request = request;
    }

    /** The files and folders given: there, of the right kind, writable. Cheap and local, so the preflight runs it first. */
    void checkFolders() {
        Path config = request.configPath();
        requireFile("--prometheus.config", config, "point it at the prometheus.yml Prometheus runs with");
        Path rulesDir = request.rulesDir().toAbsolutePath().normalize();
        if (Files.exists(rulesDir) && !Files.isDirectory(rulesDir)) {
            throw new OpsInputException("--prometheus.rules-dir " + rulesDir + ": is a file, not a folder; pass the "
                    + "folder your rule files live in, e.g. /etc/prometheus/rules");
        }
        if (request.grafanaProvisioningDir().isPresent() != request.grafanaDashboardsDir().isPresent()) {
            throw new OpsInputException("--grafana.provisioning-dir and --grafana.dashboards-dir go together; pass both "
                    + "(e.g. /etc/grafana/provisioning/dashboards and /var/lib/grafana/dashboards/quantum) or neither");
        }
        requireWritable(config.getParent(), rulesDir);
        WritableCheck.requireWritableDir("--backup.dir", request.manifestDir());
        if (request.remoteWrite().isPresent()) {
            RemoteWriteFiles.check(request.remoteWriteChoice(), PrometheusProcessUser.running(config));
        }
    }

    /**
     * The files of the install {@code installId} made at {@code at}: the bundle's, and the deployment rule naming this
     * install when anything else changes ({@link DeploymentRule}).
     */
    Plan plan(String installId, Instant at) {
        checkFolders();
        Path config = request.configPath();
        Path rulesDir = request.rulesDir().toAbsolutePath().normalize();
        List<Path> missing = new ArrayList<>();

        List<PlannedFile> files = new ArrayList<>();
        List<Path> ruleTargets = new ArrayList<>();
        for (String bundlePath : BundlePaths.RULE_FILES) {
            Optional<byte[]> content = bundlePath.equals(BundlePaths.ALERT_RULES)
                    ? Optional.of(request.bundle().require(bundlePath)) : request.bundle().read(bundlePath);
            if (content.isPresent()) {
                Path target = rulesDir.resolve(BundlePaths.fileName(bundlePath));
                ruleTargets.add(target);
                files.add(file(FileKind.RULES, target, content.get(), List.of("rules from the bundle")));
            }
        }
        Path deployment = rulesDir.resolve(DeploymentRule.FILE_NAME);
        ruleTargets.add(deployment);
        addMissing(missing, rulesDir);

        if (request.grafanaDashboardsDir().isPresent()) {
            Path dashboards = request.grafanaDashboardsDir().get().toAbsolutePath().normalize();
            Path provisioning = request.grafanaProvisioningDir().get().toAbsolutePath().normalize();
            requireWritable(dashboards, provisioning);
            byte[] dashboard = request.bundle().require(BundlePaths.DASHBOARD);
            List<String> problems = GrafanaFiles.dashboardProblems(dashboard);
            if (!problems.isEmpty()) {
                throw new OpsInputException("bundle dashboard " + BundlePaths.DASHBOARD + " from "
                        + request.bundle().describe() + " cannot be provisioned: " + problems + "; nothing was changed");
            }
            files.add(file(FileKind.DASHBOARD, dashboards.resolve(BundlePaths.fileName(BundlePaths.DASHBOARD)),
                    dashboard, List.of("dashboard " + GrafanaFiles.dashboardSummary(dashboard))));
            String providers = pointProvidersAt(new String(request.bundle().require(BundlePaths.DASHBOARD_PROVISIONING),
                    StandardCharsets.UTF_8), dashboards);
            files.add(file(FileKind.DASHBOARD_PROVISIONING,
                    provisioning.resolve(BundlePaths.fileName(BundlePaths.DASHBOARD_PROVISIONING)),
                    providers.getBytes(StandardCharsets.UTF_8), List.of("file provider loading " + dashboards)));
            addMissing(missing, dashboards);
            addMissing(missing, provisioning);
        }

        if (request.alertmanagerConfig().isPresent()) {
            Path target = request.alertmanagerConfig().get().toAbsolutePath().normalize();
            requireWritable(target.getParent());
            List<PlannedFile> alertmanager = AlertmanagerFiles.plan(request.bundle(), target, request.force());
            files.addAll(alertmanager);
            addMissing(missing, target.getParent());
            alertmanager.forEach(f -> addMissing(missing, f.target().getParent()));
        }

        String original = read(config);
        MergeResult merged = new PrometheusConfigMerger(config.toString()).merge(original,
                PrometheusConfigMerger.Request.builder().jobs(jobs(original, config)).ruleFiles(ruleTargets)
                        .configDir(config.getParent())
                        .alertmanagerAddress(request.alertmanagerUrl().map(u -> java.net.URI.create(u).getRawAuthority())
                                .orElse(null))
                        .force(request.force())
                        .leaveOut(ServiceJob.ALL.stream().filter(s -> !request.wants(s)).map(ServiceJob::jobName).toList())
                        .remoteWriteChoice(request.remoteWriteChoice())
                        .build());
        files.add(new PlannedFile(FileKind.PROMETHEUS_CONFIG, config,
                Optional.of(original.getBytes(StandardCharsets.UTF_8)), merged.text().getBytes(StandardCharsets.UTF_8),
                configChanges(merged)));
        files.add(deploymentRule(deployment, files, installId, at));
        files.sort(Comparator.comparing(PlannedFile::kind));
        return new Plan(List.copyOf(files), List.copyOf(missing));
    }

    /** The deployment rule as it is when nothing else changes, else naming this install. */
    private static PlannedFile deploymentRule(Path target, List<PlannedFile> others, String installId, Instant at) {
        PlannedFile current = file(FileKind.RULES, target, new byte[0], List.of());
        if (current.before().isPresent() && others.stream().noneMatch(PlannedFile::changed)) {
            return file(FileKind.RULES, target, current.before().get(), List.of("deployment record, unchanged"));
        }
        return file(FileKind.RULES, target, DeploymentRule.render(installId, at),
                List.of("deployment record: " + DeploymentRule.METRIC + " names " + installId));
    }

    /** What the merge changes and leaves, in words. */
    private static List<String> configChanges(MergeResult merged) {
        List<String> changes = new ArrayList<>(merged.changes());
        changes.addAll(merged.notes());
        return changes;
    }

    /**
     * The bundle's scrape jobs as this install writes them: the exporter's at {@code --exporter.address}, each
     * service's (the decision service's unless {@code --job.decision-service=false}, the audit archive's unless
     * {@code --job.archive=false}) at the target prometheus.yml already gives it (no flag sets those: an operator who
     * moved a service edits its target, and a later install keeps it), all with {@code --job.environment}.
     */
    private List<ScrapeJob> jobs(String original, Path config) {
        BundleScrapeJobs bundleJobs = BundleScrapeJobs.of(request.bundle());
        ScrapeJob exporter = bundleJobs.exporter();
        if (request.exporterAddress().isPresent()) {
            exporter = exporter.withTargets(List.of(request.exporterAddress().get().toString()));
        }
        List<ScrapeJob> jobs = new ArrayList<>(List.of(exporter));
        for (ServiceJob wanted : ServiceJob.ALL) {
            bundleJobs.job(wanted).filter(service -> request.wants(wanted))
                    .map(service -> operatorsTargets(original, config, service.name())
                            .map(service::withTargets).orElse(service)).ifPresent(jobs::add);
        }
        return jobs.stream().map(j -> request.jobEnvironment().map(env -> j.withLabel("environment", env)).orElse(j))
                .toList();
    }

    /** The targets of the job named {@code name} in the operator's prometheus.yml, if it has that job. */
    private static Optional<List<String>> operatorsTargets(String original, Path config, String name) {
        try {
            return ScrapeJob.find(original, name, config.toString()).map(ScrapeJob::targets).filter(t -> !t.isEmpty());
        } catch (OpsInputException e) {
            // Not YAML: the merge refuses it with the parser's line and column.
            return Optional.empty();
        }
    }

    /**
     * The plan as the operator reads it: steps and diffs instead of bytes, plus the backups, the reloads and the
     * checks. A dry run gets the same plan, so it shows what the real run would do. Backups and reloads happen only
     * when something changes; verification runs whenever install reloads and verifies, and rolls back only what this
     * install changed.
     */
    InstallPlan describe(Plan plan) {
        List<PlannedFile> changed = plan.changed();
        boolean live = !changed.isEmpty();
        List<PlannedReload> reloads = new ArrayList<>();
        if (live) {
            reloads.add(new PlannedReload(Service.PROMETHEUS, request.reload()
                    ? "POST " + Http.requireBaseUrl("--prometheus.url", request.prometheusUrl()) + "/-/reload"
                    : ReloadStep.MANUAL_RELOAD));
            if (changed.stream().anyMatch(f -> f.kind().alertmanager())) {
                reloads.add(new PlannedReload(Service.ALERTMANAGER, request.alertmanagerUrl()
                        .map(u -> "POST " + Http.requireBaseUrl("--alertmanager.url", u) + "/-/reload")
                        .orElse(ReloadStep.MANUAL_ALERTMANAGER_RELOAD)));
            }
        }
        Optional<String> config = plan.files().stream().filter(f -> f.kind() == FileKind.PROMETHEUS_CONFIG).findFirst()
                .map(f -> new String(f.after(), StandardCharsets.UTF_8));
        PlannedVerification verification = !request.reload() || !request.verify() ? null
                : new PlannedVerification(Verifier.verifyChecks().stream()
                        .filter(c -> !(c instanceof ServiceTargetCheck s) || config.flatMap(text -> ServiceJobToCheck.of(
                                s.service(), request.wants(s.service()), request.bundle(), Optional.of(text))).isPresent())
                        .filter(c -> request.remoteWrite().isPresent() || !(c instanceof RemoteWriteCheck))
                        .map(Check::title).toList(),
                        request.verifyTimeout().toSeconds(), live);
        return new InstallPlan(request.configPath(), plan.files().stream().map(PlannedFile::step).toList(),
                live ? plan.missingDirectories() : List.of(),
                live ? changed.stream().filter(f -> !f.creates()).map(PlannedFile::target).toList() : List.of(),
                request.manifestDir(), reloads, verification);
    }

    /** The bundle's provisioning file with every provider's {@code options.path} set to the operator's folder. */
    static String pointProvidersAt(String yaml, Path dashboards) {
        Matcher m = Pattern.compile("(?m)^(\\s*path:\\s*)(['\"]?)([^'\"\\n#]*?)\\2(\\s*(#.*)?)$").matcher(yaml);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + dashboards + m.group(4)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static PlannedFile file(FileKind kind, Path target, byte[] content, List<String> changes) {
        if (Files.isDirectory(target)) {
            throw new OpsInputException(target + " is a folder; install would write a file there. Remove or rename it");
        }
        Optional<byte[]> before = Files.isRegularFile(target) ? Optional.of(readBytes(target)) : Optional.empty();
        return new PlannedFile(kind, target, before, content, changes);
    }

    private void requireWritable(Path... dirs) {
        for (Path dir : dirs) {
            WritableCheck.requireWritableDir(flagFor(dir), dir);
        }
    }

    private String flagFor(Path dir) {
        Path normalized = dir.toAbsolutePath().normalize();
        if (normalized.equals(request.rulesDir().toAbsolutePath().normalize())) {
            return "--prometheus.rules-dir";
        }
        if (normalized.equals(request.prometheusConfig().toAbsolutePath().normalize().getParent())) {
            return "--prometheus.config's folder";
        }
        if (request.grafanaDashboardsDir().map(p -> p.toAbsolutePath().normalize().equals(normalized)).orElse(false)) {
            return "--grafana.dashboards-dir";
        }
        if (request.grafanaProvisioningDir().map(p -> p.toAbsolutePath().normalize().equals(normalized)).orElse(false)) {
            return "--grafana.provisioning-dir";
        }
        return "--alertmanager.config's folder";
    }

    static void addMissing(List<Path> missing, Path dir) {
        List<Path> chain = new ArrayList<>();
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            chain.add(0, p);
        }
        chain.stream().filter(p -> !missing.contains(p)).forEach(missing::add);
    }

    static void requireFile(String flag, Path file, String fix) {
        if (!Files.exists(file)) {
            throw new OpsInputException(flag + " " + file + ": no such file; " + fix);
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new OpsInputException(flag + " " + file + ": not a readable file; " + fix);
        }
    }

    private static String read(Path file) {
        return new String(readBytes(file), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
