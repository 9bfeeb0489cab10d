package quantum.safety.ops.doctor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import quantum.safety.ops.Http;
import quantum.safety.ops.OpsInputException;
import quantum.safety.ops.prometheus.PrometheusApi;
import quantum.safety.ops.validate.Amtool;
import quantum.safety.ops.validate.Promtool;
import quantum.safety.ops.validate.ValidationResult;
import quantum.safety.ops.verify.CheckResult;
import quantum.safety.ops.verify.Section;

/** Can a change be validated and reloaded safely right now: live files pass the tools, the last reload worked, and how to reload. */
final class ReloadSafetyChecks {

    private ReloadSafetyChecks() {
    }

    static List<CheckResult> run(DoctorSettings s) {
        List<CheckResult> results = new ArrayList<>();
        results.add(s.prometheusConfig().map(config -> tool("prometheus.yml passes promtool check config", () ->
                Promtool.locate(s.promtool()).checkConfig(config), config))
                .orElse(CheckResult.skipped(Section.RELOAD_SAFETY, "prometheus.yml passes promtool check config",
                        "no --prometheus.config given")));
        s.alertmanagerConfig().ifPresent(config -> results.add(tool("Alertmanager config passes amtool check-config",
                () -> Amtool.locate(s.amtool()).checkConfig(config), config)));
        PrometheusApi prometheus = s.verify().prometheus();
        try {
            Map<String, String> runtime = prometheus.runtimeInfo();
            boolean ok = "true".equals(runtime.get("reloadConfigSuccess"));
            String evidence = "reloadConfigSuccess=" + runtime.get("reloadConfigSuccess") + " lastConfigTime="
                    + runtime.get("lastConfigTime") + " (GET " + prometheus.baseUrl() + "/api/v1/status/runtimeinfo)";
            results.add(ok ? CheckResult.passed(Section.RELOAD_SAFETY, "last Prometheus reload succeeded", evidence)
                    : CheckResult.failed(Section.RELOAD_SAFETY, "last Prometheus reload succeeded", evidence,
                    "Prometheus runs an older config than the file; run promtool check config and read its log"));
            String lifecycle = prometheus.flags().getOrDefault("web.enable-lifecycle", "false");
            results.add(CheckResult.passed(Section.RELOAD_SAFETY, "reload path", "true".equals(lifecycle)
                    ? "lifecycle API on: ops install/rollback reload with POST " + prometheus.baseUrl() + "/-/reload"
                    : "lifecycle API off (--web.enable-lifecycle not set): ops install validates and writes, then asks "
                    + "you to run: kill -HUP $(pidof prometheus)  or  systemctl reload prometheus"));
        } catch (Http.UnreachableException e) {
            results.add(CheckResult.failed(Section.RELOAD_SAFETY, "last Prometheus reload succeeded", e.getMessage(),
                    "start Prometheus or point --prometheus.url at it"));
        }
        return results;
    }

    private static CheckResult tool(String name, java.util.function.Supplier<ValidationResult> run, Path file) {
        try {
            ValidationResult result = run.get();
            return result.ok() ? CheckResult.passed(Section.RELOAD_SAFETY, name, result.command() + ": " + result.summary())
                    : CheckResult.failed(Section.RELOAD_SAFETY, name, result.command() + ": " + result.summary(),
                    "fix " + file + " before the next reload: Prometheus keeps running the old config until then");
        } catch (OpsInputException e) {
            return CheckResult.skipped(Section.RELOAD_SAFETY, name, e.getMessage());
        }
    }
}
