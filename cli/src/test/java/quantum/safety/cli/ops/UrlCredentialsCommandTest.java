package quantum.safety.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;
import quantum.safety.cli.Main;
import quantum.safety.ops.backup.BackupStamp;
import quantum.safety.ops.backup.InstallSetup;
import quantum.safety.ops.backup.Manifest;
import quantum.safety.ops.backup.ManifestStore;

/**
 * A password in --prometheus.url or --alertmanager.url (or their env twins, or an older install's manifest) ends every
 * ops and doctor command with exit 2 and one line, before anything is asked or printed, and never shows the password.
 */
class UrlCredentialsCommandTest {

    private static final String PROMETHEUS = "http://u:secretpw@127.0.0.1:1";
    private static final String ALERTMANAGER = "http://u:secretpw@127.0.0.1:2";

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.newCommandLine(env);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static void assertRefused(Run run, String flag) {
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.out() + run.err()).doesNotContain("secretpw");
        assertThat(run.err().strip().lines()).as(run.err()).singleElement().asString()
                .startsWith("error: " + flag + " http://…@127.0.0.1:")
                .contains("carries credentials", "not accepted: they would be visible in argv",
                        "no other way to give credentials");
    }

    @Test
    void everyCommandThatTakesAPrometheusUrlRefusesCredentialsInIt() throws Exception {
        Path config = Files.writeString(tmp.resolve("prometheus.yml"), "scrape_configs: []\n");
        String url = "--prometheus.url=" + PROMETHEUS;
        String backups = "--backup.dir=" + tmp.resolve("backups");
        for (List<String> command : List.of(List.of("ops", "backtest"), List.of("ops", "verify", backups),
                List.of("doctor", backups), List.of("ops", "rollback", "--prometheus.config=" + config, backups),
                List.of("ops", "backups", "--prometheus.config=" + config, backups),
                List.of("ops", "install", "--prometheus.config=" + config, "--prometheus.rules-dir=" + tmp.resolve("r"),
                        backups, "--dry-run"))) {
            String[] args = new java.util.ArrayList<String>(command) {{ add(url); }}.toArray(String[]::new);
            assertRefused(run(Map.of(), args), "--prometheus.url");
        }
    }

    @Test
    void theEnvTwinsAreRefusedTheSameWay() {
        String backups = "--backup.dir=" + tmp.resolve("backups");
        assertRefused(run(Map.of("QUANTUM_SAFETY_PROMETHEUS_URL", PROMETHEUS), "ops", "backtest"), "--prometheus.url");
        assertRefused(run(Map.of("QUANTUM_SAFETY_PROMETHEUS_URL", PROMETHEUS), "ops", "verify", backups),
                "--prometheus.url");
        assertRefused(run(Map.of("QUANTUM_SAFETY_ALERTMANAGER_URL", ALERTMANAGER), "ops", "verify", backups),
                "--alertmanager.url");
    }

    @Test
    void everyCommandThatTakesAnAlertmanagerUrlRefusesCredentialsInIt() throws Exception {
        Path config = Files.writeString(tmp.resolve("prometheus.yml"), "scrape_configs: []\n");
        String url = "--alertmanager.url=" + ALERTMANAGER;
        String backups = "--backup.dir=" + tmp.resolve("backups");
        assertRefused(run(Map.of(), "ops", "verify", backups, url), "--alertmanager.url");
        assertRefused(run(Map.of(), "doctor", backups, url), "--alertmanager.url");
        assertRefused(run(Map.of(), "ops", "rollback", "--prometheus.config=" + config, backups, url),
                "--alertmanager.url");
        assertRefused(run(Map.of(), "ops", "install", "--prometheus.config=" + config,
                "--prometheus.rules-dir=" + tmp.resolve("r"), backups, "--dry-run", url), "--alertmanager.url");
    }

    @Test
    void aUrlWithCredentialsThatAnOlderInstallRecordedIsRefusedByVerifyAndDoctor() throws Exception {
        Path config = Files.writeString(tmp.resolve("prometheus.yml"), "scrape_configs: []\n");
        ManifestStore store = new ManifestStore(tmp.resolve("backups"));
        String id = store.newId(new BackupStamp("qs", java.time.LocalDateTime.parse("2026-01-19T03:44:18")));
        store.save(new Manifest(id, Manifest.KIND_INSTALL, "qs", "2026-01-19T03:44:18", config.toString(), List.of(),
                List.of(), null, InstallSetup.builder().prometheusUrl(PROMETHEUS).alertmanagerUrl(ALERTMANAGER)
                .prometheusConfig(config).build()));
        String backups = "--backup.dir=" + store.dir();

        assertThat(run(Map.of(), "ops", "verify", backups).out()).doesNotContain("secretpw");
        assertRefused(run(Map.of(), "ops", "verify", backups), "--prometheus.url");
        assertRefused(run(Map.of(), "doctor", backups), "--prometheus.url");
        assertRefused(run(Map.of(), "ops", "verify", backups, "--prometheus.url=http://127.0.0.1:1"),
                "--alertmanager.url");
    }
}
