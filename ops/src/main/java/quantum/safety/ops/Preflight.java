package quantum.safety.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.yaml.snakeyaml.error.YAMLException;

import quantum.safety.ops.backup.BackupStamp;
import quantum.safety.ops.commands.ShellWords;
import quantum.safety.ops.prometheus.PrometheusApi;
import quantum.safety.ops.prometheus.RunningConfig;

/**
 * What install checks before it plans, runs a validator or writes anything: the tag, the URLs, the files and folders
 * (there, writable), the config file (not empty, and the one Prometheus runs), Prometheus answering with its
 * lifecycle reload on (unless {@code --no-reload}), and Alertmanager answering when given. Local checks come first. Each refusal is bad input: exit 2, one line naming the input and the fix,
 * and nothing on disk, not even a backup.
 */
final class Preflight {

    private final InstallRequest request;
    private final Http http;

    Preflight(InstallRequest request, Http http) {
        this.request = request;
        this.http = http;
    }

    void check() {
        BackupStamp.requireValidTag(request.tag());
        String url = Http.requireBaseUrl("--prometheus.url", request.prometheusUrl());
        Optional<String> alertmanager = request.alertmanagerUrl().map(u -> Http.requireBaseUrl("--alertmanager.url", u));
        Path config = request.configPath();
        new Planner(request).checkFolders();
        String text = read(config);
        if (isEmpty(text)) {
            throw new OpsInputException("--prometheus.config " + config + " is empty" + (text.isEmpty() ? " (0 bytes)" : "")
                    + ", so installing into it would leave Prometheus with our job alone; nothing was changed. Point "
                    + "--prometheus.config at the file Prometheus runs, or restore this one from a backup, listed by: "
                    + "quantum-safety ops backups " + ShellWords.flag("--prometheus.config", config.toString()));
        }
        PrometheusApi prometheus = new PrometheusApi(url, http);
        runningConfig(prometheus).ifPresent(running -> {
            if (request.reload()) {
                requireLifecycle(prometheus);
            }
            if (!request.force()) {
                requireSameConfig(config, text, running, url);
            }
        });
        alertmanager.ifPresent(this::requireAlertmanager);
    }

    /**
     * What Prometheus runs; empty when it does not answer and was not going to be reloaded anyway, or this is a dry
     * run (which shows a diff on a machine without Prometheus too; the real run checks again).
     */
    private Optional<String> runningConfig(PrometheusApi prometheus) {
        try {
            return Optional.of(prometheus.config());
        } catch (Http.UnreachableException e) {
            if (!request.reload() || request.dryRun()) {
                return Optional.empty();
            }
            throw new OpsInputException("--prometheus.url " + prometheus.baseUrl() + ": Prometheus does not answer ("
                    + e.getMessage() + "); start it, or point --prometheus.url at the Prometheus that runs "
                    + request.configPath() + " (or pass --no-reload to install without it); nothing was changed");
        }
    }

    private void requireLifecycle(PrometheusApi prometheus) {
        String lifecycle;
        try {
            lifecycle = prometheus.flags().getOrDefault("web.enable-lifecycle", "false");
        } catch (Http.UnreachableException e) {
            lifecycle = "unknown (" + e.getMessage() + ")";
        }
        if (!"true".equals(lifecycle)) {
            throw new OpsInputException("--prometheus.url " + prometheus.baseUrl() + ": Prometheus cannot be reloaded "
                    + "over HTTP (web.enable-lifecycle=" + lifecycle + "), so install could not make the change live "
                    + "or roll it back by itself. Start Prometheus with --web.enable-lifecycle, or pass --no-reload "
                    + "and reload it yourself (" + ReloadStep.MANUAL_RELOAD.replaceAll("\\s+", " ") + "); nothing was changed");
        }
    }

    private void requireSameConfig(Path config, String text, String running, String url) {
        Optional<String> difference;
        try {
            difference = RunningConfig.difference(text, running, config.getParent());
        } catch (YAMLException e) {
            // Not YAML: planning refuses it with the parser's line and column.
            return;
        }
        difference.ifPresent(d -> {
            throw new OpsInputException("--prometheus.config " + config + " is not the config Prometheus at " + url
                    + " runs (" + d + "). Point --prometheus.config at the file it runs, or reload Prometheus so it "
                    + "runs this one, or pass --force to install into this file anyway; nothing was changed");
        });
    }

    private void requireAlertmanager(String url) {
        String problem;
        try {
            Http.Response ready = http.get(url + "/-/ready");
            problem = ready.ok() ? null : "GET " + url + "/-/ready -> " + ready.status();
        } catch (Http.UnreachableException e) {
            problem = e.getMessage();
        }
        if (problem != null && !request.dryRun()) {
            throw new OpsInputException("--alertmanager.url " + url + ": Alertmanager is not ready (" + problem
                    + "); start it or fix the URL, or leave --alertmanager.url out; nothing was changed");
        }
    }

    private static boolean isEmpty(String text) {
        try {
            return RunningConfig.isEmpty(text);
        } catch (YAMLException e) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
