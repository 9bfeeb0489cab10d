package quantum.safety.cli.settings;

import java.util.List;
import java.util.Map;

import quantum.safety.cli.LoggingSetting;
import quantum.safety.cli.demo.DemoSetting;
import quantum.safety.exporter.ExporterSetting;
import quantum.safety.kernel.KernelSetting;
import quantum.safety.kernel.redis.RedisSetting;
import quantum.safety.kernel.settings.SettingRow;

/** Every settings table, and which README table shows which of them (in this order). */
final class SettingsTables {

    static final List<Class<? extends SettingRow>> ALL = List.of(KernelSetting.class, RedisSetting.class,
            ExporterSetting.class, LoggingSetting.class, DemoSetting.class);

    /** README section name → the tables whose rows it lists. */
    static final Map<String, List<Class<? extends SettingRow>>> README_SECTIONS = Map.of(
            "kernel", List.of(KernelSetting.class),
            "exporter", List.of(ExporterSetting.class, RedisSetting.class, LoggingSetting.class),
            "demo", List.of(DemoSetting.class));

    private SettingsTables() {
    }

    static List<SettingRow> rows(Class<? extends SettingRow> table) {
        return List.of(table.getEnumConstants());
    }
}
