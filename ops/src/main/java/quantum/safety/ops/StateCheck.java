package quantum.safety.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import quantum.safety.ops.bundle.BundlePaths;
import quantum.safety.ops.prometheus.PrometheusApi;
import quantum.safety.ops.prometheus.PrometheusApi.RuleGroup;
import quantum.safety.ops.prometheus.RemoteWrite;
import quantum.safety.ops.verify.RemoteWriteCheck;
import quantum.safety.ops.verify.CheckResult;
import quantum.safety.ops.verify.Section;

/**
 * After a rollback: Prometheus runs what the restored files say. If the restored prometheus.yml has no job of ours,
 * no target of that job is active; our rule files are loaded exactly when they exist and rule_files names them. The
 * exporter's job is always reported; each service's (the decision service's, the audit archive's) when the file had it
 * before the rollback or has it after, and so is our remote_write entry: Prometheus runs it exactly when the restored
 * file has it.
 */
final class StateCheck {

    private StateCheck() {
    }

    /** What stands for our remote_write entry among {@link #ourJobs}. */
    static final String REMOTE_WRITE = "remote_write " + RemoteWrite.NAME;

    /**
     * Our jobs, exporter's first, that {@code config} has, and {@link #REMOTE_WRITE} when it has our remote_write entry
     * (none when it cannot be read).
     */
    static Set<String> ourJobs(Path config) {
        Set<String> jobs = new LinkedHashSet<>();
        for (String job : List.of(BundlePaths.JOB_NAME, BundlePaths.SERVICE_JOB_NAME, BundlePaths.ARCHIVE_JOB_NAME)) {
            if (hasJob(config, job)) {
                jobs.add(job);
            }
        }
        Object loaded = load(config);
        if (loaded instanceof Map<?, ?> map && map.get("remote_write") instanceof List<?> entries
                && entries.stream().anyMatch(e -> e instanceof Map<?, ?> entry && RemoteWrite.NAME.equals(entry.get("name")))) {
            jobs.add(REMOTE_WRITE);
        }
        return jobs;
    }

    /** {@code jobsBefore}: our jobs the config had before the rollback ({@link #ourJobs}, read before it). */
    static List<CheckResult> await(PrometheusApi prometheus, Path config, List<Path> ruleFiles, Set<String> jobsBefore,
                                   Duration timeout) {
        Set<String> expected = ourJobs(config);
        List<String> reported = new ArrayList<>(List.of(BundlePaths.JOB_NAME));
        for (String service : List.of(BundlePaths.SERVICE_JOB_NAME, BundlePaths.ARCHIVE_JOB_NAME)) {
            if (expected.contains(service) || jobsBefore.contains(service)) {
                reported.add(service);
            }
        }
        boolean remoteWrite = expected.contains(REMOTE_WRITE) || jobsBefore.contains(REMOTE_WRITE);
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<CheckResult> results = check(prometheus, config, ruleFiles, reported, expected);
            if (remoteWrite) {
                results.add(remoteWrite(prometheus, config, expected.contains(REMOTE_WRITE)));
            }
            if (results.stream().allMatch(r -> r.status() == quantum.safety.ops.verify.Status.PASSED)
                    || Instant.now().isAfter(deadline)) {
                return results;
            }
            try {
                // Prometheus drops old targets on its next target-manager sync (about 5 s after a reload).
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return results;
            }
        }
    }

    private static List<CheckResult> check(PrometheusApi prometheus, Path config, List<Path> ruleFiles,
                                           List<String> reported, Set<String> expectedJobs) {
        List<CheckResult> results = new ArrayList<>();
        String ruleName = "our rule groups " + (ruleFiles.stream().anyMatch(f -> expected(config, f)) ? "as restored" : "gone");
        try {
            List<PrometheusApi.Target> active = prometheus.targets();
            for (String job : reported) {
                boolean expectJob = expectedJobs.contains(job);
                String jobName = "job " + job + (expectJob ? " present" : " gone");
                long targets = active.stream().filter(t -> t.job().equals(job)).count();
                boolean ok = (targets > 0) == expectJob;
                String evidence = "restored " + config.getFileName() + (expectJob ? " has" : " has no") + " job "
                        + job + "; Prometheus has " + targets + " active target(s) of it";
                results.add(ok ? CheckResult.passed(Section.ROLLBACK_READINESS, jobName, evidence)
                        : CheckResult.failed(Section.ROLLBACK_READINESS, jobName, evidence, "reload Prometheus: " + ReloadStep.MANUAL_RELOAD));
            }
            if (ruleFiles.isEmpty()) {
                return results;
            }
            List<RuleGroup> groups = prometheus.ruleGroups();
            List<String> wrong = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            for (Path file : ruleFiles) {
                boolean loaded = groups.stream().anyMatch(g -> resolve(config, g.file()).equals(file));
                boolean expected = expected(config, file);
                lines.add(file + (loaded ? " loaded" : " not loaded") + (expected ? " (restored config names it)" : ""));
                if (loaded != expected) {
                    wrong.add(file.toString());
                }
            }
            results.add(wrong.isEmpty() ? CheckResult.passed(Section.ROLLBACK_READINESS, ruleName, String.join("\n", lines))
                    : CheckResult.failed(Section.ROLLBACK_READINESS, ruleName, String.join("\n", lines),
                    "reload Prometheus: " + ReloadStep.MANUAL_RELOAD));
        } catch (Http.UnreachableException e) {
            String jobName = "job " + BundlePaths.JOB_NAME + (expectedJobs.contains(BundlePaths.JOB_NAME) ? " present" : " gone");
            results.add(CheckResult.failed(Section.ROLLBACK_READINESS, jobName, e.getMessage(),
                    "start Prometheus; it reads the restored files when it starts"));
        }
        return results;
    }

    private static CheckResult remoteWrite(PrometheusApi prometheus, Path config, boolean expected) {
        String name = REMOTE_WRITE + (expected ? " present" : " gone");
        try {
            boolean running = RemoteWriteCheck.ourUrl(prometheus.config()).isPresent();
            String evidence = "restored " + config.getFileName() + (expected ? " has" : " has no") + " remote_write entry "
                    + RemoteWrite.NAME + "; Prometheus " + (running ? "runs" : "does not run") + " one";
            return running == expected ? CheckResult.passed(Section.ROLLBACK_READINESS, name, evidence)
                    : CheckResult.failed(Section.ROLLBACK_READINESS, name, evidence,
                    "reload Prometheus: " + ReloadStep.MANUAL_RELOAD);
        } catch (Http.UnreachableException e) {
            return CheckResult.failed(Section.ROLLBACK_READINESS, name, e.getMessage(),
                    "start Prometheus; it reads the restored files when it starts");
        }
    }

    private static boolean expected(Path config, Path ruleFile) {
        return Files.exists(ruleFile) && ruleEntries(config).stream()
                .anyMatch(e -> quantum.safety.ops.prometheus.PrometheusConfigMerger.covers(e, ruleFile, config.getParent()));
    }

    private static Path resolve(Path config, String file) {
        Path path = Path.of(file);
        return (path.isAbsolute() ? path : config.getParent().resolve(path)).normalize();
    }

    static boolean hasJob(Path config, String name) {
        Object loaded = load(config);
        if (loaded instanceof Map<?, ?> map && map.get("scrape_configs") instanceof List<?> jobs) {
            return jobs.stream().anyMatch(j -> j instanceof Map<?, ?> job && name.equals(job.get("job_name")));
        }
        return false;
    }

    private static List<String> ruleEntries(Path config) {
        Object loaded = load(config);
        List<String> entries = new ArrayList<>();
        if (loaded instanceof Map<?, ?> map && map.get("rule_files") instanceof List<?> list) {
            list.forEach(e -> entries.add(String.valueOf(e)));
        }
        return entries;
    }

    private static Object load(Path config) {
        try {
            return new Yaml(new LoaderOptions()).load(Files.readString(config));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
