package quantum.safety.exporter;

import java.util.List;

import quantum.safety.kernel.KernelSetting;
import quantum.safety.kernel.settings.Setting;
import quantum.safety.kernel.settings.SettingRow;

/**
 * The exporter's settings table: its flags with their env twins, the legacy exporter's port variable, the kernel
 * settings it shares (the window) or reads for the status page (the limits), and the legacy polling settings it
 * accepts and ignores. The Redis settings are {@link quantum.safety.kernel.redis.RedisSetting}'s. The command line
 * takes its defaults and help from here, {@link ExporterEnv} reads the env-only rows, and the README's exporter table
 * is generated from it.
 */
public enum ExporterSetting implements SettingRow {

    LISTEN_ADDRESS(Setting.builder().flag("--web.listen-address").env("QUANTUM_SAFETY_WEB_LISTEN_ADDRESS").legacyEnv("PORT")
            .defaultValue(ExporterConfig.DEFAULT_LISTEN_ADDRESS).unit("[host]:port")
            .help("Address to listen on; repeat (or separate with commas) for several. ':9105' (or a bare port, as the "
                    + "legacy variable gives it) listens on every interface, IPv4 and IPv6, so localhost works whether "
                    + "it resolves to 127.0.0.1 or ::1. Example: --web.listen-address=127.0.0.1:9105 "
                    + "--web.listen-address=[::1]:9105")),
    WEB_CONFIG_FILE(Setting.builder().flag("--web.config.file").env("QUANTUM_SAFETY_WEB_CONFIG_FILE").unit("file")
            .help("TLS and basic auth in the Prometheus exporter-toolkit format: tls_server_config (cert_file, "
                    + "key_file, min_version, client_auth_type, client_ca_file) and basic_auth_users (bcrypt hashes). "
                    + "Example: --web.config.file=/etc/quantum/web.yml")),
    MAX_SCRAPE_TIMEOUT(Setting.builder().flag("--web.max-scrape-timeout").env("QUANTUM_SAFETY_WEB_MAX_SCRAPE_TIMEOUT")
            .defaultValue("5s").unit("duration")
            .help("Longest a scrape may take; below it, Prometheus' X-Prometheus-Scrape-Timeout-Seconds minus a margin "
                    + "(a quarter, at most 500 ms). At the deadline the scrape answers with what is collected. "
                    + "Example: --web.max-scrape-timeout=2s")),
    ARCHIVE_URL(Setting.builder().flag("--web.archive-url").env("QUANTUM_SAFETY_WEB_ARCHIVE_URL").unit("URL")
            .shownDefault("none")
            .help("The audit archive's external base URL (its --web.listen-address, as a browser reaches it); the "
                    + "status page (/) links to the last 24 hours of audit events at <URL>/audit?since=24h, and says "
                    + "the archive is not configured without it. http or https, no user or password. "
                    + "Example: --web.archive-url=https://archive.example.com:9107")),
    WINDOW(KernelSetting.WINDOW.setting().toBuilder()
            .help("The kernels' rate window, whole seconds (10 or 10s), used while no kernel has published its "
                    + "settings: kernels of this version publish their window, which wins. Must match older kernels', "
                    + "or the current window's counters are not found.")),
    FAULTS_TOP_SYMBOLS(Setting.builder().flag("--faults.top-symbols").env("QUANTUM_SAFETY_FAULTS_TOP_SYMBOLS")
            .defaultValue("10").unit("symbols")
            .help("How many symbols quantum_safety_faults_last_1h_by_symbol exports (the ones with the most faults); "
                    + "0 turns it off. Example: --faults.top-symbols=20")),
    TOP5_INFO(Setting.builder().flag("--collector.top5-info").env("QUANTUM_SAFETY_COLLECTOR_TOP5_INFO").defaultValue("true")
            .unit("true|false")
            .help("Export the legacy quantum_safety_rate_symbol_top5_info, whose labels carry the counts (a new series "
                    + "for every count); quantum_safety_rate_symbol_top has the same data with bounded series.")),
    NO_TOP5_INFO(Setting.builder().flag("--no-collector.top5-info").shownDefault("–")
            .help("Same as --collector.top5-info=false.")),
    JVM_METRICS(Setting.builder().flag("--collector.jvm").env("QUANTUM_SAFETY_COLLECTOR_JVM").defaultValue("false")
            .unit("true|false")
            .help("Also export client_java's JVM metrics (GC, threads, classes, memory pools, compilation). Off by "
                    + "default: they cost about 1 ms of CPU per scrape and 2.5 MB of memory; process_* and the heap's "
                    + "jvm_memory_*_bytes{area=\"heap\"} are always exported.")),
    DEPLOYMENT(Setting.builder().flag("--deployment").env("QUANTUM_SAFETY_DEPLOYMENT").defaultValue("").unit("text")
            .help("Value of the deployment label of quantum_safety_exporter_build_info. Example: --deployment=prod-eu")),
    KERNEL_GLOBAL_MAX(KernelSetting.GLOBAL_MAX.setting().toBuilder().flag(null)
            .help("The kernels' global limit the status page (/) shows the windows against while no kernel has "
                    + "published its settings (published limits win).")),
    KERNEL_SYMBOL_MAX(KernelSetting.SYMBOL_MAX.setting().toBuilder().flag(null)
            .help("The kernels' per-symbol limit the status page (/) shows the busiest symbols against while no kernel "
                    + "has published its settings (published limits win).")),
    SAMPLE_INTERVAL(Setting.builder().legacyEnv("SAMPLE_INTERVAL_SEC").shownDefault("–").unit("seconds")
            .help("Ignored: this exporter reads Redis on every scrape, so values are as fresh as the scrape and no "
                    + "background polling interval exists.")),
    FAULT_LOOKBACK(Setting.builder().legacyEnv("FAULT_LOOKBACK_MAX").shownDefault("–").unit("faults")
            .help("Ignored: faults of the last hour are counted exactly by stream id range, in bounded pages, with no "
                    + "lookback cap."));

    private final Setting setting;

    ExporterSetting(Setting.Builder setting) {
        this.setting = setting.build();
    }

    @Override
    public Setting setting() {
        return setting;
    }

    /** The legacy exporter's settings that mean nothing for an exporter that reads on scrape. */
    public static List<ExporterSetting> ignored() {
        return List.of(SAMPLE_INTERVAL, FAULT_LOOKBACK);
    }
}
