package quantum.safety.cli.doctor;

import quantum.safety.kernel.settings.Setting;
import quantum.safety.kernel.settings.SettingRow;

/**
 * The settings table of {@code doctor}'s own flags. Its other flags are the ops commands' ({@code OpsSetting}) and the
 * Redis and logging ones; {@code --json} is here rather than there because doctor's has an env name of its own.
 */
public enum DoctorSetting implements SettingRow {

    JSON(Setting.builder().flag("--json").env("QUANTUM_SAFETY_DOCTOR_JSON").defaultValue("false").unit("true|false")
            .help("Write the report as JSON instead of Markdown. Example: --json | jq '.sections[] | "
                    + "select(.status==\"FAILED\")'")),
    OUTPUT(Setting.builder().flag("--output").env("QUANTUM_SAFETY_DOCTOR_OUTPUT").shownDefault("stdout").unit("file")
            .help("Write the report to this file instead of stdout, and print a one-line verdict. "
                    + "Example: --output=integration-report.md"));

    private final Setting setting;

    DoctorSetting(Setting.Builder setting) {
        this.setting = setting.build();
    }

    @Override
    public Setting setting() {
        return setting;
    }
}
