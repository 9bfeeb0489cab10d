package quantum.safety.cli.ctl;

import quantum.safety.archive.ArchiveSetting;
import quantum.safety.cli.ops.OpsSetting;
import quantum.safety.kernel.settings.Setting;
import quantum.safety.kernel.settings.SettingRow;

/**
 * The settings table of the options every changing {@code ctl} command shares ({@link ChangeOptions}): who changes the
 * safety state, why, and whether to skip the question. {@code --yes} is the ops commands' row, so one env name skips
 * every confirmation of the product. {@code ctl faults} reads the audit archive with the archive's own connection
 * settings (same flags and env names, help for a reader). The README's ctl table is generated from it.
 */
public enum CtlSetting implements SettingRow {

    ACTOR(Setting.builder().flag("--actor").env("QUANTUM_SAFETY_ACTOR").shownDefault("the login name (id -un)")
            .unit("name").help("Who makes the change, recorded in the audit event. Example: --actor alice")),
    REASON(Setting.builder().flag("--reason").unit("text")
            .help("Why, one line, recorded in the audit event. Required, and only as a flag: a reason belongs to one "
                    + "change. Example: --reason \"fault spike on BTCUSDT, investigating (INC-42)\"")),
    ASSUME_YES(OpsSetting.ASSUME_YES.setting().toBuilder()),
    ARCHIVE_URL(ArchiveSetting.URL.setting().toBuilder().shownDefault("none: the stream alone")
            .help("The audit archive's PostgreSQL database, as the archive takes it (a libpq URI or key=value words; "
                    + "PGHOST, PGDATABASE and the other PG* variables fill in and, alone, configure it too). The part "
                    + "of a range older than the trimmed fault stream is read there. A password in a URL given as a "
                    + "flag is refused: use --archive.password-file. "
                    + "Example: --archive.url=postgresql://reader@archive-db:5432/quantum?sslmode=verify-full")),
    ARCHIVE_PASSWORD_FILE(ArchiveSetting.PASSWORD_FILE.setting().toBuilder()
            .help("File holding the archive database's password (first line). Without it: PGPASSWORD, then the "
                    + "passfile (PGPASSFILE, default ~/.pgpass). Example: --archive.password-file=/etc/quantum/archive-reader"));

    private final Setting setting;

    CtlSetting(Setting.Builder setting) {
        this.setting = setting.build();
    }

    @Override
    public Setting setting() {
        return setting;
    }
}
