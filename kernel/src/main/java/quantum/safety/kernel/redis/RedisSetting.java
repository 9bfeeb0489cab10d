package quantum.safety.kernel.redis;

import quantum.safety.kernel.settings.Setting;
import quantum.safety.kernel.settings.SettingRow;

/**
 * How every component reaches Redis, as a settings table: the flags every command shares, their env names, and the
 * legacy {@code REDIS_*} names that keep working. The legacy host and port come first because the address's help
 * names them.
 */
public enum RedisSetting implements SettingRow {

    LEGACY_HOST(Setting.builder().legacyEnv("REDIS_HOST").defaultValue("127.0.0.1").unit("host")
            .help("The Redis host when no address is given (flag or env).")),
    LEGACY_PORT(Setting.builder().legacyEnv("REDIS_PORT").defaultValue("6379").unit("port")
            .help("The Redis port when no address is given (flag or env).")),
    ADDR(Setting.builder().flag("--redis.addr").env("QUANTUM_SAFETY_REDIS_ADDR")
            .shownDefault("redis://" + LEGACY_HOST.setting().shownDefault() + ":" + LEGACY_PORT.setting().shownDefault()).unit("URL")
            .help("Redis address: redis://host:port[/db], rediss:// (TLS), redis+sentinel://host:26379[,host…]/master, "
                    + "redis+cluster://host:port[,host…]; without it the legacy " + LEGACY_HOST.legacyEnv() + " and "
                    + LEGACY_PORT.legacyEnv() + " apply. Example: "
                    + "--redis.addr=redis+sentinel://10.0.0.1:26379,10.0.0.2:26379/trading")),
    USER(Setting.builder().flag("--redis.user").env("QUANTUM_SAFETY_REDIS_USER").unit("name")
            .help("Redis ACL user (overrides a user in the address).")),
    PASSWORD(Setting.builder().env("QUANTUM_SAFETY_REDIS_PASSWORD").legacyEnv("REDIS_PASSWORD").unit("secret")
            .help("The Redis password. Deliberately no flag takes it, so it never shows in argv.")),
    PASSWORD_FILE(Setting.builder().flag("--redis.password-file").env("QUANTUM_SAFETY_REDIS_PASSWORD_FILE").unit("file")
            .help("File holding the Redis password; without it the password comes from env " + PASSWORD.env()
                    + " or legacy " + PASSWORD.legacyEnv() + ".")),
    TIMEOUT(Setting.builder().flag("--redis.timeout").env("QUANTUM_SAFETY_REDIS_TIMEOUT").defaultValue("1s")
            .unit("duration").help("Socket timeout of one Redis call, e.g. 500ms or 2s.")),
    KEY_PREFIX(Setting.builder().flag("--redis.key-prefix").env("QUANTUM_SAFETY_KEY_PREFIX").defaultValue("quantum:")
            .unit("text")
            .help("Prefix of every key. The default gives the legacy key names; on Redis Cluster use a hash tag such "
                    + "as {quantum}: so one decision's keys share a slot."));

    private final Setting setting;

    RedisSetting(Setting.Builder setting) {
        this.setting = setting.build();
    }

    @Override
    public Setting setting() {
        return setting;
    }
}
