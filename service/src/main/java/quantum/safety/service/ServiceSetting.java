package quantum.safety.service;

import quantum.safety.kernel.settings.Setting;
import quantum.safety.kernel.settings.SettingRow;

/**
 * The decision service's own settings, with their env twins; the kernel's are {@code KernelSetting}'s and the Redis
 * ones {@code RedisSetting}'s. The command line takes defaults and help from here and the README's table is generated
 * from it.
 */
public enum ServiceSetting implements SettingRow {

    LISTEN_ADDRESS(Setting.builder().flag("--web.listen-address").env("QUANTUM_SAFETY_SERVICE_LISTEN_ADDRESS")
            .defaultValue(ServiceConfig.DEFAULT_LISTEN_ADDRESS).unit("[host]:port")
            .help("Address to listen on; repeat (or separate with commas) for several. Loopback by default: callers "
                    + "on other hosts need TLS and authentication (--web.config.file). ':9106' listens on every "
                    + "interface. Example: --web.listen-address=10.0.0.7:9106")),
    WEB_CONFIG_FILE(Setting.builder().flag("--web.config.file").env("QUANTUM_SAFETY_SERVICE_WEB_CONFIG_FILE").unit("file")
            .help("TLS, client certificates and basic auth in the Prometheus exporter-toolkit format, as the "
                    + "exporter's. Authentication applies to every path; the audited operations (/v1/safe-mode, "
                    + "/v1/kill-switch) are refused without it. Example: --web.config.file=/etc/quantum/kernel-web.yml")),
    THREADS(Setting.builder().flag("--service.threads").env("QUANTUM_SAFETY_SERVICE_THREADS")
            .defaultValue(String.valueOf(ServiceConfig.DEFAULT_THREADS)).unit("threads")
            .help("Decisions taken at once, each on its own Redis connection. Example: --service.threads=32")),
    QUEUE_SIZE(Setting.builder().flag("--service.queue-size").env("QUANTUM_SAFETY_SERVICE_QUEUE_SIZE")
            .defaultValue(String.valueOf(ServiceConfig.DEFAULT_QUEUE_SIZE)).unit("requests")
            .help("Requests that may wait for a decision thread; beyond it the service answers 503 at once, and a "
                    + "request that waited longer than the decision timeout is answered 503 undecided (its caller "
                    + "has given up). Example: --service.queue-size=1024")),
    MAX_BATCH(Setting.builder().flag("--service.max-batch").env("QUANTUM_SAFETY_SERVICE_MAX_BATCH")
            .defaultValue(String.valueOf(ServiceConfig.DEFAULT_MAX_BATCH)).unit("intents")
            .help("Most intents one POST /v1/decide/batch may carry; more is refused with 400, nothing decided.")),
    MAX_BODY(Setting.builder().flag("--service.max-body").env("QUANTUM_SAFETY_SERVICE_MAX_BODY_BYTES")
            .defaultValue(String.valueOf(ServiceConfig.DEFAULT_MAX_BODY_BYTES)).unit("bytes")
            .help("Largest request body; a larger one is refused with 400 and the connection closed.")),
    SHUTDOWN_GRACE(Setting.builder().flag("--service.shutdown-grace").env("QUANTUM_SAFETY_SERVICE_SHUTDOWN_GRACE")
            .defaultValue("10s").unit("duration")
            .help("On SIGTERM the service stops accepting, answers new requests on open connections with 503 and "
                    + "waits this long for the decisions in progress to be answered. Example: --service.shutdown-grace=30s"));

    private final Setting setting;

    ServiceSetting(Setting.Builder setting) {
        this.setting = setting.build();
    }

    @Override
    public Setting setting() {
        return setting;
    }
}
