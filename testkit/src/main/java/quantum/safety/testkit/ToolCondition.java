package quantum.safety.testkit;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import quantum.safety.process.ChildProcess;

/** Evaluates {@link RequiresTools}: skip locally with a message, fail in CI. */
public final class ToolCondition implements ExecutionCondition {

    /** Which Debian package brings which program, for the skip message. */
    private static final Map<String, String> PACKAGES = Map.ofEntries(
            Map.entry("promtool", "prometheus"),
            Map.entry("prometheus", "prometheus"),
            Map.entry("amtool", "prometheus-alertmanager"),
            Map.entry("prometheus-alertmanager", "prometheus-alertmanager"),
            Map.entry("redis-server", "redis-server"),
            Map.entry("redis-sentinel", "redis-sentinel"),
            Map.entry("chromium", "chromium"),
            Map.entry("systemd-analyze", "systemd"),
            Map.entry("wrk", "wrk"),
            Map.entry("dpkg-deb", "dpkg"),
            Map.entry("tar", "tar"));

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<String> required = context.getElement()
                .flatMap(e -> AnnotationSupport.findAnnotation(e, RequiresTools.class))
                .map(a -> Arrays.asList(a.value()))
                .orElse(List.of());
        List<String> missing = required.stream().filter(t -> ChildProcess.onPath(t).isEmpty()).toList();
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("tools present: " + required);
        }
        String install = "apt-get install " + String.join(" ",
                missing.stream().map(t -> PACKAGES.getOrDefault(t, t)).distinct().toList());
        String message = "needs " + missing + " on PATH (" + install + ")";
        if (isCi()) {
            throw new IllegalStateException("CI=true but this test " + message + "; .ci/run must install it");
        }
        System.err.println("[SKIPPED] " + context.getDisplayName() + ": " + message);
        return ConditionEvaluationResult.disabled(message);
    }

    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
