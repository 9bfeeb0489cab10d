package quantum.safety.cli;

import quantum.safety.kernel.settings.Setting;
import quantum.safety.kernel.settings.SettingRow;

/** The logging settings every long-running command shares ({@link LoggingOptions}), as a settings table. */
public enum LoggingSetting implements SettingRow {

    LEVEL(Setting.builder().flag("--log.level").env("QUANTUM_SAFETY_LOG_LEVEL").defaultValue("info")
            .unit("debug|info|warn|error").help("debug, info, warn or error.")),
    FORMAT(Setting.builder().flag("--log.format").env("QUANTUM_SAFETY_LOG_FORMAT").defaultValue("logfmt")
            .unit("logfmt|json").help("logfmt or json."));

    private final Setting setting;

    LoggingSetting(Setting.Builder setting) {
        this.setting = setting.build();
    }

    @Override
    public Setting setting() {
        return setting;
    }
}
