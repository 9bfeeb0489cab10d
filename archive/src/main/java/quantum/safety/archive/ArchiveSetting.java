package quantum.safety.archive;

import quantum.safety.kernel.settings.Setting;
import quantum.safety.kernel.settings.SettingRow;

/**
 * The archive's settings table: its flags with their env twins. The Redis settings are
 * {@link quantum.safety.kernel.redis.RedisSetting}'s, shared with the exporter and {@code ctl}; PostgreSQL's own
 * {@code PG*} variables fill in what the URL leaves out ({@link PostgresTarget}). The command line takes its defaults
 * and help from here, and the README's archive table is generated from it.
 */
public enum ArchiveSetting implements SettingRow {

    URL(Setting.builder().flag("--archive.url").env("QUANTUM_SAFETY_ARCHIVE_URL").unit("URL")
            .shownDefault("PG* env, else postgresql://localhost:5432")
            .help("The PostgreSQL database to archive into, as libpq takes it: a URI "
                    + "postgresql://user@host:5432/db?sslmode=verify-full&sslrootcert=/etc/quantum/pg-ca.crt or "
                    + "key=value words ('host=db1 dbname=audit user=archive sslmode=verify-full'). What it leaves out "
                    + "comes from PGHOST, PGPORT, PGDATABASE, PGUSER, PGSSLMODE, PGSSLROOTCERT, PGSSLCERT, PGSSLKEY, "
                    + "PGAPPNAME, PGCONNECT_TIMEOUT, PGPASSFILE. A password in a URL given as a flag is refused "
                    + "(argv is visible to every user): use --archive.password-file.")),
    PASSWORD_FILE(Setting.builder().flag("--archive.password-file").env("QUANTUM_SAFETY_ARCHIVE_PASSWORD_FILE")
            .unit("file")
            .help("File holding the PostgreSQL password (first line). Without it: a password in the env URL, then "
                    + "PGPASSWORD (discouraged: the environment of a process can leak), then the passfile "
                    + "(PGPASSFILE, default ~/.pgpass).")),
    BATCH_SIZE(Setting.builder().flag("--archive.batch-size").env("QUANTUM_SAFETY_ARCHIVE_BATCH_SIZE")
            .defaultValue("500").unit("entries")
            .help("Most entries read from each stream and written in one transaction. Example: --archive.batch-size=1000")),
    BLOCK(Setting.builder().flag("--archive.block").env("QUANTUM_SAFETY_ARCHIVE_BLOCK").defaultValue("1s")
            .unit("duration")
            .help("How long one wait for new entries lasts when the streams are caught up (a blocking XREAD); the "
                    + "lag metrics are refreshed at least this often. Example: --archive.block=500ms")),
    LISTEN_ADDRESS(Setting.builder().flag("--web.listen-address").env("QUANTUM_SAFETY_ARCHIVE_LISTEN_ADDRESS")
            .defaultValue(ArchiveConfig.DEFAULT_LISTEN_ADDRESS).unit("[host]:port")
            .help("Address of /metrics, /-/healthy and /-/ready; repeat (or separate with commas) for several. "
                    + "Example: --web.listen-address=:9107")),
    WEB_CONFIG_FILE(Setting.builder().flag("--web.config.file").env("QUANTUM_SAFETY_ARCHIVE_WEB_CONFIG_FILE")
            .unit("file")
            .help("TLS and basic auth of the HTTP endpoint in the Prometheus exporter-toolkit format, as for the "
                    + "exporter. Example: --web.config.file=/etc/quantum/web.yml"));

    private final Setting setting;

    ArchiveSetting(Setting.Builder setting) {
        this.setting = setting.build();
    }

    @Override
    public Setting setting() {
        return setting;
    }
}
