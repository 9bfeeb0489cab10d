package quantum.safety.cli.ops;

import quantum.safety.kernel.settings.Setting;
import quantum.safety.kernel.settings.SettingRow;

/**
 * The settings table of the {@code ops} commands and of {@code doctor}, which shares their option classes: one row
 * per flag, however many commands take it, so that {@code --force} or {@code --verify.timeout} has one env name and
 * one default everywhere. The option classes take their defaults and help from here, and docs/operations.md's flag
 * table is generated from it (with the commands that take each flag, found on the command line itself).
 */
public enum OpsSetting implements SettingRow {

    PROMETHEUS_URL(Setting.builder().flag("--prometheus.url").env("QUANTUM_SAFETY_PROMETHEUS_URL")
            .shownDefault("the newest install's, else http://127.0.0.1:9090").unit("URL")
            .help("Prometheus HTTP address. Install checks it runs --prometheus.config and can be reloaded before "
                    + "changing anything, then reloads it (POST /-/reload); verify and doctor query it; rollback reloads "
                    + "it; backups puts it in the rollback commands it prints. A base URL without credentials, query or "
                    + "fragment: the ops commands send no credentials, so give an address that needs none. "
                    + "Example: --prometheus.url=http://127.0.0.1:9091")),
    PROMETHEUS_CONFIG(Setting.builder().flag("--prometheus.config").env("QUANTUM_SAFETY_PROMETHEUS_CONFIG")
            .shownDefault("the newest install's").unit("file")
            .help("The prometheus.yml Prometheus runs with: install changes it (required there), rollback restores it, "
                    + "backups lists the backups next to it, doctor checks it; verify only finds the manifests next to "
                    + "it. Example: --prometheus.config=/etc/prometheus/prometheus.yml")),
    PROMETHEUS_RULES_DIR(Setting.builder().flag("--prometheus.rules-dir").env("QUANTUM_SAFETY_PROMETHEUS_RULES_DIR")
            .shownDefault("the newest install's").unit("folder")
            .help("Folder the rule files are copied into (created if missing); prometheus.yml's rule_files gets them "
                    + "unless a glob already covers them. Required by install; verify and doctor put it in the install "
                    + "commands their fixes print; rollback and backups ignore it (the manifest lists every file). "
                    + "Example: --prometheus.rules-dir=/etc/prometheus/rules")),
    ALERTMANAGER_URL(Setting.builder().flag("--alertmanager.url").env("QUANTUM_SAFETY_ALERTMANAGER_URL")
            .shownDefault("the newest install's, else the ones Prometheus sends to").unit("URL")
            .help("Alertmanager HTTP address: install checks it is ready before changing anything, adds it to "
                    + "prometheus.yml when that has no alerting section, reloads it after writing its config and records "
                    + "it in the manifest; verify and doctor check that Prometheus sends to it; rollback reloads it and "
                    + "checks it runs the restored receivers; backups puts it in the commands it prints. A base URL "
                    + "without credentials, like --prometheus.url. Example: --alertmanager.url=http://127.0.0.1:9093")),
    ALERTMANAGER_CONFIG(Setting.builder().flag("--alertmanager.config").env("QUANTUM_SAFETY_ALERTMANAGER_CONFIG")
            .shownDefault("the newest install's").unit("file")
            .help("Alertmanager config file: install writes the bundle's routing there (over a different file only "
                    + "with --force) and its message templates next to it (templates/*.tmpl, where the config's "
                    + "templates: glob loads them), after amtool check-config; rollback restores or removes both; doctor "
                    + "checks it with amtool; verify and backups ignore it. "
                    + "Example: --alertmanager.config=/etc/prometheus/alertmanager.yml")),
    GRAFANA_PROVISIONING_DIR(Setting.builder().flag("--grafana.provisioning-dir")
            .env("QUANTUM_SAFETY_GRAFANA_PROVISIONING_DIR").shownDefault("the newest install's").unit("folder")
            .help("Grafana's dashboard provisioning folder: install writes quantum_safety.yaml there, doctor checks "
                    + "it; verify, rollback and backups ignore it. "
                    + "Example: --grafana.provisioning-dir=/etc/grafana/provisioning/dashboards")),
    GRAFANA_DASHBOARDS_DIR(Setting.builder().flag("--grafana.dashboards-dir").env("QUANTUM_SAFETY_GRAFANA_DASHBOARDS_DIR")
            .shownDefault("the newest install's").unit("folder")
            .help("Folder the provider loads dashboards from: install writes quantum_safety_telemetry.json there, "
                    + "doctor checks it; verify, rollback and backups ignore it. "
                    + "Example: --grafana.dashboards-dir=/var/lib/grafana/dashboards/quantum")),
    EXPORTER_ADDRESS(Setting.builder().flag("--exporter.address").env("QUANTUM_SAFETY_EXPORTER_ADDRESS")
            .shownDefault("the newest install's, else the bundle's target 127.0.0.1:9105").unit("host:port")
            .help("Where the exporter listens: install writes it as the scrape target, verify and doctor read /metrics "
                    + "and /-/ready there; rollback and backups ignore it. Use an IP literal: 'localhost' may resolve "
                    + "to ::1. Example: --exporter.address=127.0.0.1:9105")),
    JOB_ENVIRONMENT(Setting.builder().flag("--job.environment").env("QUANTUM_SAFETY_JOB_ENVIRONMENT")
            .shownDefault("no environment label").unit("text")
            .help("The environment label install puts on the scrape job's target (alerts and dashboards carry it); "
                    + "without it the job has no such label. The legacy job had environment=production: pass that to "
                    + "keep it. Example: --job.environment=staging")),
    JOB_DECISION_SERVICE(Setting.builder().flag("--job.decision-service").env("QUANTUM_SAFETY_JOB_DECISION_SERVICE")
            .shownDefault("the newest install's, else true").unit("true|false")
            .help("Whether install puts the decision service's scrape job (quantum_safety_kernel, quantum-safety kernel "
                    + "serve on 127.0.0.1:9106) into prometheus.yml. Turn it off on a host that embeds the kernel as a "
                    + "library and runs no decision service, where the job's target is never up and "
                    + "QuantumSafetyDecisionServiceDown would page. Off also takes out the job an earlier install added "
                    + "(a job of that name install did not add stays, and the plan says so); the manifest remembers the "
                    + "choice, so later installs without the flag keep it, and verify and doctor then do not look for "
                    + "the service. Example: --job.decision-service=false")),
    JOB_ARCHIVE(Setting.builder().flag("--job.archive").env("QUANTUM_SAFETY_JOB_ARCHIVE")
            .shownDefault("the newest install's, else true").unit("true|false")
            .help("Whether install puts the audit archive's scrape job (quantum_safety_archive, quantum-safety archive "
                    + "on 127.0.0.1:9107) into prometheus.yml. Turn it off on a host that runs no archive, where the "
                    + "job's target is never up and QuantumSafetyArchiveDown would raise a ticket. Off also takes out the "
                    + "job an earlier install added (a job of that name install did not add stays, and the plan says "
                    + "so); the manifest remembers the choice, so later installs without the flag keep it, and verify "
                    + "and doctor then do not look for the archive. Example: --job.archive=false")),
    BUNDLE_DIR(Setting.builder().flag("--bundle.dir").env("QUANTUM_SAFETY_BUNDLE_DIR")
            .shownDefault("the newest install's, else the jar's bundle").unit("folder")
            .help("Use the bundle files in this folder (layout of the repository's monitoring/) instead of the ones "
                    + "in this jar: install copies them, verify and doctor expect their rules; rollback and backups "
                    + "ignore it. Example: --bundle.dir=./monitoring")),
    BACKUP_DIR(Setting.builder().flag("--backup.dir").env("QUANTUM_SAFETY_BACKUP_DIR")
            .shownDefault("quantum-safety-backups next to --prometheus.config, else "
                    + "/etc/prometheus/quantum-safety-backups").unit("folder")
            .help("Folder of install manifests (the backups themselves sit next to the files they back up): install "
                    + "records there every address and file it used; verify, doctor, backups and rollback take what "
                    + "they are not given from the newest manifest there. "
                    + "Example: --backup.dir=/var/backups/quantum-safety")),
    BACKUP_TAG(Setting.builder().flag("--backup.tag").env("QUANTUM_SAFETY_BACKUP_TAG").defaultValue("qs").unit("text")
            .help("Tag in backup names: <file>.backup_<TAG>_<YYYYMMDD>_<HHMMSS>. Example: --backup.tag=p13")),
    PROMTOOL(Setting.builder().flag("--promtool").env("QUANTUM_SAFETY_PROMTOOL").defaultValue("promtool").unit("path")
            .help("promtool to validate configs and rules (a name on PATH or a path): install and rollback validate "
                    + "with it, doctor checks the live files; verify and backups ignore it.")),
    AMTOOL(Setting.builder().flag("--amtool").env("QUANTUM_SAFETY_AMTOOL").defaultValue("amtool").unit("path")
            .help("amtool to validate the Alertmanager config (a name on PATH or a path): install and rollback "
                    + "validate with it, doctor checks the live file; verify and backups ignore it.")),
    DRY_RUN(Setting.builder().flag("--dry-run").env("QUANTUM_SAFETY_DRY_RUN").defaultValue("false").unit("true|false")
            .help("Change nothing: install prints the plan and a unified diff and validates; backups --prune says "
                    + "what it would remove.")),
    FORCE(Setting.builder().flag("--force").env("QUANTUM_SAFETY_FORCE").defaultValue("false").unit("true|false")
            .help("Change what is not as expected: install replaces a job named quantum_safety_telemetry that scrapes "
                    + "another target (in place, never duplicated) or an Alertmanager config that differs; rollback "
                    + "restores files edited since the install (backing them up first).")),
    ASSUME_YES(Setting.builder().flag("--yes").env("QUANTUM_SAFETY_ASSUME_YES").defaultValue("false").unit("true|false")
            .help("Do not ask for confirmation before changing anything. Needed without a terminal (scripts, cron), "
                    + "where the change is refused otherwise. Example: --yes")),
    NO_RELOAD(Setting.builder().flag("--no-reload").env("QUANTUM_SAFETY_NO_RELOAD").defaultValue("false")
            .unit("true|false")
            .help("Write the files (install) or restore them (rollback) but do not reload Prometheus, and so do not "
                    + "verify.")),
    NO_VERIFY(Setting.builder().flag("--no-verify").env("QUANTUM_SAFETY_NO_VERIFY").defaultValue("false")
            .unit("true|false").help("Reload but do not verify (and so no automatic rollback).")),
    VERIFY_TIMEOUT(Setting.builder().flag("--verify.timeout").env("QUANTUM_SAFETY_VERIFY_TIMEOUT").defaultValue("60s")
            .unit("duration")
            .help("How long verification after the reload waits before it fails: install, for Prometheus to scrape "
                    + "and evaluate (then it rolls back); rollback, for Prometheus to drop our job and rules. "
                    + "Example: --verify.timeout=2m")),
    VERIFY_WAIT(Setting.builder().flag("--wait").env("QUANTUM_SAFETY_VERIFY_WAIT").defaultValue("0s").unit("duration")
            .help("Retry until everything passes or this long has gone by (e.g. right after a reload); 0s checks once. "
                    + "Example: --wait=30s")),
    PRUNE(Setting.builder().flag("--prune").env("QUANTUM_SAFETY_BACKUP_PRUNE").shownDefault("keep every install")
            .unit("count")
            .help("Keep the newest N installs and remove the others, each with its manifest and backups, saying what "
                    + "went (an install still active can then no longer be rolled back); loose backup files stay. "
                    + "Example: --prune=5 --dry-run")),
    ROLLBACK_TO(Setting.builder().flag("--to").env("QUANTUM_SAFETY_ROLLBACK_TO").shownDefault("the newest install")
            .unit("install id|file")
            .help("What to go back to: an install id from 'ops backups' (that install and every later one are undone), "
                    + "or one backup file (legacy <file>.backup_<tag>_<date>_<time> too). "
                    + "Example: --to=install_qs_20260119_034418")),
    JSON(Setting.builder().flag("--json").env("QUANTUM_SAFETY_OPS_JSON").defaultValue("false").unit("true|false")
            .help("Print JSON lines instead of text: one object per event as it happens, each with its name in \"event\" "
                    + "(e.g. BackupWritten, FileValidated, ReloadFailed, CheckFailed, RolledBack), the last always "
                    + "{\"event\":\"Finished\",\"exitCode\":N,\"summary\":…} or, when the command stopped on an error, "
                    + "{\"event\":\"Stopped\",\"error\":…}. Prompts go to stderr. "
                    + "Example: --json | jq -c 'select(.event == \"CheckFailed\")'")),
    GRAFANA_FOLDER_UID(Setting.builder().flag("--folder-uid").env("QUANTUM_SAFETY_GRAFANA_FOLDER_UID")
            .shownDefault("the General folder").unit("uid")
            .help("UID of the Grafana folder to import into (GET /api/folders lists them); without it the dashboard "
                    + "goes to the root (General) folder. Example: --folder-uid=quantum-trader")),
    GRAFANA_OVERWRITE(Setting.builder().flag("--overwrite").env("QUANTUM_SAFETY_GRAFANA_OVERWRITE").defaultValue("false")
            .unit("true|false")
            .help("Replace a dashboard with the same uid (--no-overwrite: do not); without it Grafana refuses to "
                    + "import over an existing one."));

    private final Setting setting;

    OpsSetting(Setting.Builder setting) {
        this.setting = setting.build();
    }

    @Override
    public Setting setting() {
        return setting;
    }
}
