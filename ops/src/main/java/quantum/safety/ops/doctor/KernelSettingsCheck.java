package quantum.safety.ops.doctor;

import java.util.stream.Collectors;

import quantum.safety.kernel.KernelSetting;
import quantum.safety.kernel.PublishedSettings;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.ops.verify.CheckResult;
import quantum.safety.ops.verify.Section;
import quantum.safety.state.LiveKernels;

/**
 * The settings the live kernels published in {@code safety:kernels}: the limits they really use, which the exporter,
 * the status page and {@code ctl} show. Kernels sharing one Redis count the same windows, so different windows or
 * limits among them fail the check (it is what {@code QuantumSafetyKernelConfigDrift} alerts on).
 */
final class KernelSettingsCheck {

    static final String NAME = "kernel settings";

    private KernelSettingsCheck() {
    }

    static CheckResult of(LiveKernels kernels, RedisSchema schema) {
        String key = schema.kernelSettings();
        if (!kernels.readable()) {
            return CheckResult.failed(Section.SYSTEM_STATE, NAME, String.join("\n", kernels.problems()),
                    "something else writes " + key + "; DEL it (the kernels write it again within 20 s)");
        }
        if (kernels.kernels().isEmpty()) {
            return CheckResult.passed(Section.SYSTEM_STATE, NAME, "no live kernel in " + key
                    + " (none running, or kernels of a version that does not publish): readers show their own "
                    + "configuration");
        }
        String evidence = kernels.kernels().stream().map(KernelSettingsCheck::describe)
                .collect(Collectors.joining("\n")) + (kernels.problems().isEmpty() ? ""
                : "\n" + String.join("\n", kernels.problems()));
        return switch (kernels.source()) {
            case KERNELS_DISAGREE -> CheckResult.failed(Section.SYSTEM_STATE, NAME, evidence,
                    "kernels sharing one Redis count the same windows: give them all the same " + flag(KernelSetting.WINDOW)
                            + ", " + flag(KernelSetting.GLOBAL_MAX) + ", " + flag(KernelSetting.SYMBOL_MAX)
                            + " and reduce-only limits, or separate key prefixes");
            case KERNELS, CONFIGURATION -> kernels.problems().isEmpty()
                    ? CheckResult.passed(Section.SYSTEM_STATE, NAME, evidence)
                    : CheckResult.failed(Section.SYSTEM_STATE, NAME, evidence,
                    "find what wrote the entries that are not a kernel's and HDEL them from " + key);
        };
    }

    /** {@code --window (env QUANTUM_SAFETY_WINDOW_SEC)}. */
    private static String flag(KernelSetting setting) {
        return setting.setting().flag().orElse("") + " (env " + setting.setting().env().orElse("") + ")";
    }

    private static String describe(PublishedSettings k) {
        return k.kernelId() + ": window " + k.windowSeconds() + "s, global max " + k.globalMax() + ", symbol max "
                + k.symbolMax() + ", reduce-only " + k.reduceOnly() + " " + k.reduceOnlyGlobalMax() + "/"
                + k.reduceOnlySymbolMax() + ", cooldown " + k.cooldownSeconds() + "s, fail policy " + k.failPolicy()
                + ", version " + k.version();
    }
}
