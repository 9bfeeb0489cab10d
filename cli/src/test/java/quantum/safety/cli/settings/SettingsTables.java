package quantum.safety.cli.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import quantum.safety.archive.ArchiveSetting;
import quantum.safety.cli.LoggingSetting;
import quantum.safety.cli.ctl.CtlSetting;
import quantum.safety.cli.demo.DemoSetting;
import quantum.safety.cli.doctor.DoctorSetting;
import quantum.safety.cli.ops.OpsSetting;
import quantum.safety.cli.ops.backtest.BacktestSetting;
import quantum.safety.cli.ops.RemoteWriteSetting;
import quantum.safety.exporter.ExporterSetting;
import quantum.safety.kernel.KernelSetting;
import quantum.safety.kernel.redis.RedisSetting;
import quantum.safety.kernel.settings.SettingRow;
import quantum.safety.service.ServiceSetting;

/** Every settings table, the generated tables of the documentation, and the documents that may hold them. */
final class SettingsTables {

    static final List<Class<? extends SettingRow>> ALL = List.of(KernelSetting.class, RedisSetting.class,
            ExporterSetting.class, LoggingSetting.class, DemoSetting.class, OpsSetting.class, DoctorSetting.class,
            CtlSetting.class, ServiceSetting.class, BacktestSetting.class, ArchiveSetting.class,
            RemoteWriteSetting.class);

    /**
     * One generated table: the settings tables whose rows it lists, in this order, and whether each row starts with
     * the commands that take it (for flags that several commands share, as the ops and ctl ones are).
     */
    record Section(List<Class<? extends SettingRow>> tables, boolean usedBy) {
    }

    /** Section name, as the marker in a document spells it, → what it lists. */
    static final Map<String, Section> SECTIONS = Map.of(
            "kernel", new Section(List.of(KernelSetting.class), false),
            "exporter", new Section(List.of(ExporterSetting.class, RedisSetting.class, LoggingSetting.class), false),
            "demo", new Section(List.of(DemoSetting.class), false),
            "ops", new Section(List.of(OpsSetting.class), true),
            "doctor", new Section(List.of(DoctorSetting.class), false),
            "ctl", new Section(List.of(CtlSetting.class), true),
            "service", new Section(List.of(ServiceSetting.class), false),
            "backtest", new Section(List.of(BacktestSetting.class), false),
            "archive", new Section(List.of(ArchiveSetting.class), false),
            "remote_write", new Section(List.of(RemoteWriteSetting.class), true));

    /** The repository's root, from the cli module where the tests run. */
    static final Path ROOT = Path.of("..");

    private SettingsTables() {
    }

    static List<SettingRow> rows(Class<? extends SettingRow> table) {
        return List.of(table.getEnumConstants());
    }

    /** The README and the docs/*.md pages that hold at least one settings marker. */
    static List<Path> documents() throws IOException {
        List<Path> candidates = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(candidates::add);
        }
        List<Path> marked = new ArrayList<>();
        for (Path candidate : candidates) {
            if (Files.readString(candidate, StandardCharsets.UTF_8).contains(SettingsMarkdown.MARKER)) {
                marked.add(candidate);
            }
        }
        return marked;
    }
}
