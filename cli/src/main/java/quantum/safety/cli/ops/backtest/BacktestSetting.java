package quantum.safety.cli.ops.backtest;

import quantum.safety.kernel.settings.Setting;
import quantum.safety.kernel.settings.SettingRow;

/**
 * The settings table of {@code ops backtest}'s own flags. {@code --prometheus.url} and {@code --bundle.dir} share the
 * other ops commands' env names (one variable points every command at the same Prometheus and bundle) but not their
 * defaults, since backtest reads no install manifest.
 */
public enum BacktestSetting implements SettingRow {

    PROMETHEUS_URL(Setting.builder().flag("--prometheus.url").env("QUANTUM_SAFETY_PROMETHEUS_URL")
            .defaultValue("http://127.0.0.1:9090").unit("URL")
            .help("The Prometheus whose history the alerts are replayed on (its HTTP API: query_range, query, "
                    + "status/config); a base URL without credentials, query or fragment, since backtest sends none "
                    + "and the reports show the address. Example: --prometheus.url=http://127.0.0.1:9091")),
    BUNDLE_DIR(Setting.builder().flag("--bundle.dir").env("QUANTUM_SAFETY_BUNDLE_DIR")
            .shownDefault("the jar's bundle (backtest reads no install manifest)").unit("folder")
            .help("Replay the alert and recording rules of the bundle in this folder (layout of the repository's "
                    + "monitoring/) instead of the ones in this jar; --rules takes precedence over both. "
                    + "Example: --bundle.dir=./monitoring")),
    RULES(Setting.builder().flag("--rules").env("QUANTUM_SAFETY_BACKTEST_RULES")
            .shownDefault("the bundle's alert and recording rules").unit("file")
            .help("Replay the rules of this Prometheus rule file instead of the bundle's; repeat the flag (or separate "
                    + "with commas) for several, e.g. an edited alert file and the recording rules it reads. "
                    + "Example: --rules=my_alerts.yml --rules=quantum_safety_recording.yml")),
    FROM(Setting.builder().flag("--from").env("QUANTUM_SAFETY_BACKTEST_FROM").defaultValue("7d").unit("time")
            .help("Start of the range: RFC 3339, now-DURATION, or a DURATION meaning that long ago. The expressions "
                    + "are read from `for` earlier, so an alert already pending then fires when it did. "
                    + "Example: --from=2026-01-19T00:00:00Z or --from=now-24h")),
    TO(Setting.builder().flag("--to").env("QUANTUM_SAFETY_BACKTEST_TO").defaultValue("now").unit("time")
            .help("End of the range, in the forms --from takes. Example: --to=now-1h")),
    STEP(Setting.builder().flag("--step").env("QUANTUM_SAFETY_BACKTEST_STEP")
            .shownDefault("each rule group's interval, else Prometheus' evaluation_interval").unit("duration")
            .help("Evaluate every alert at this interval instead. Example: --step=1m")),
    SET(Setting.builder().flag("--set").env("QUANTUM_SAFETY_BACKTEST_SET").shownDefault("none").unit("ALERT=VALUE")
            .help("Also replay ALERT with VALUE in place of its threshold (the one number its expression compares "
                    + "against outside any function), shown next to the current one; repeatable. An alert with no "
                    + "such number or several is refused: edit a copy and pass it with --rules. "
                    + "Example: --set QuantumSafetyFaultSpike=3")),
    ALERT(Setting.builder().flag("--alert").env("QUANTUM_SAFETY_BACKTEST_ALERT").shownDefault("every alert")
            .unit("name").help("Replay only this alert (and those given to --set); repeatable. "
                    + "Example: --alert QuantumSafetyFaultSpike")),
    EPISODES(Setting.builder().flag("--episodes").env("QUANTUM_SAFETY_BACKTEST_EPISODES").defaultValue("5")
            .unit("count").help("List this many firing episodes per alert (all of them are counted). "
                    + "Example: --episodes=20")),
    JSON(Setting.builder().flag("--json").env("QUANTUM_SAFETY_BACKTEST_JSON").defaultValue("false")
            .unit("true|false").help("Print the report as one JSON document instead of a table. "
                    + "Example: --json | jq '.alerts[] | select(.variants[0].fired > 0) | .alert'")),
    MARKDOWN(Setting.builder().flag("--markdown").env("QUANTUM_SAFETY_BACKTEST_MARKDOWN").shownDefault("none")
            .unit("file").help("Also write the report as Markdown to this file, e.g. for a pull request that moves "
                    + "a threshold. Example: --markdown=backtest.md"));

    private final Setting setting;

    BacktestSetting(Setting.Builder setting) {
        this.setting = setting.build();
    }

    @Override
    public Setting setting() {
        return setting;
    }
}
