package quantum.safety.cli.ctl;

import quantum.safety.cli.ops.OpsSetting;
import quantum.safety.kernel.settings.Setting;
import quantum.safety.kernel.settings.SettingRow;

/**
 * The settings table of the options every changing {@code ctl} command shares ({@link ChangeOptions}): who changes the
 * safety state, why, and whether to skip the question. {@code --yes} is the ops commands' row, so one env name skips
 * every confirmation of the product. The README's ctl table is generated from it.
 */
public enum CtlSetting implements SettingRow {

    ACTOR(Setting.builder().flag("--actor").env("QUANTUM_SAFETY_ACTOR").shownDefault("the login name (id -un)")
            .unit("name").help("Who makes the change, recorded in the audit event. Example: --actor alice")),
    REASON(Setting.builder().flag("--reason").unit("text")
            .help("Why, one line, recorded in the audit event. Required, and only as a flag: a reason belongs to one "
                    + "change. Example: --reason \"fault spike on BTCUSDT, investigating (INC-42)\"")),
    ASSUME_YES(OpsSetting.ASSUME_YES.setting().toBuilder());

    private final Setting setting;

    CtlSetting(Setting.Builder setting) {
        this.setting = setting.build();
    }

    @Override
    public Setting setting() {
        return setting;
    }
}
