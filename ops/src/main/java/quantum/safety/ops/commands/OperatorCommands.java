package quantum.safety.ops.commands;

import java.util.ArrayList;
import java.util.List;

import quantum.safety.ops.backup.InstallSetup;
import quantum.safety.ops.bundle.ServiceJob;

/**
 * The {@code quantum-safety} commands printed for the operator, built from the setup an install used (or the one a
 * command was given), so that each reaches the same Prometheus, files and manifests as the install did. A command
 * that would ask for confirmation carries {@code --yes}: a printed command is meant to be run as it is.
 */
public final class OperatorCommands {

    /** The install flag that leaves the decision service's scrape job out. */
    public static final String NO_DECISION_SERVICE_JOB = ServiceJob.DECISION_SERVICE.leaveOutFlag();
    /** The install flag that leaves the audit archive's scrape job out. */
    public static final String NO_ARCHIVE_JOB = ServiceJob.ARCHIVE.leaveOutFlag();

    private final InstallSetup setup;

    public OperatorCommands(InstallSetup setup) {
        this.setup = setup;
    }

    public InstallSetup setup() {
        return setup;
    }

    /** Rolls back the newest install, or with {@code to} (an install id or backup file) back to that one. */
    public String rollback(String to) {
        List<String> words = new ArrayList<>(List.of("quantum-safety", "ops", "rollback"));
        add(words, "--prometheus.config", setup.prometheusConfig());
        add(words, "--prometheus.url", setup.prometheusUrlOrDefault());
        add(words, "--alertmanager.url", setup.alertmanagerUrl());
        add(words, "--backup.dir", setup.backupDir());
        add(words, "--to", to);
        words.add("--yes");
        return String.join(" ", words);
    }

    /** Checks the integration the install made. */
    public String verify() {
        List<String> words = new ArrayList<>(List.of("quantum-safety", "ops", "verify"));
        add(words, "--prometheus.url", setup.prometheusUrlOrDefault());
        add(words, "--exporter.address", setup.exporterAddressOrDefault());
        add(words, "--alertmanager.url", setup.alertmanagerUrl());
        add(words, "--bundle.dir", setup.bundleDir());
        add(words, "--prometheus.config", setup.prometheusConfig());
        add(words, "--backup.dir", setup.backupDir());
        return String.join(" ", words);
    }

    /**
     * Installs (again) with every file and address of this setup; where none is known, Debian's locations. A setup
     * that left the decision service's or the audit archive's job out keeps it out. {@code exporterAddress} replaces the recorded target
     * (null keeps it); {@code extra} flags go before --yes.
     */
    public String install(String exporterAddress, String... extra) {
        List<String> words = new ArrayList<>(List.of("quantum-safety", "ops", "install"));
        add(words, "--prometheus.config", setup.prometheusConfig() != null ? setup.prometheusConfig()
                : InstallSetup.DEFAULT_PROMETHEUS_CONFIG.toString());
        add(words, "--prometheus.rules-dir", setup.rulesDir() != null ? setup.rulesDir()
                : InstallSetup.DEFAULT_RULES_DIR.toString());
        add(words, "--prometheus.url", setup.prometheusUrlOrDefault());
        add(words, "--exporter.address", exporterAddress != null ? exporterAddress : setup.exporterAddressOrDefault());
        add(words, "--alertmanager.url", setup.alertmanagerUrl());
        add(words, "--alertmanager.config", setup.alertmanagerConfig());
        add(words, "--grafana.provisioning-dir", setup.grafanaProvisioningDir());
        add(words, "--grafana.dashboards-dir", setup.grafanaDashboardsDir());
        add(words, "--bundle.dir", setup.bundleDir());
        add(words, "--backup.dir", setup.backupDir());
        for (ServiceJob service : ServiceJob.ALL) {
            if (!setup.chosen(service) && !List.of(extra).contains(service.leaveOutFlag())) {
                words.add(service.leaveOutFlag());
            }
        }
        words.addAll(List.of(extra));
        words.add("--yes");
        return String.join(" ", words);
    }

    private static void add(List<String> words, String flag, String value) {
        if (value != null) {
            words.add(ShellWords.flag(flag, value));
        }
    }
}
