package quantum.safety.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import quantum.safety.cli.Launcher;
import quantum.safety.cli.exporter.InProcessExporter;
import quantum.safety.ops.prometheus.RunningConfig;
import quantum.safety.testkit.RequiresTools;
import quantum.safety.testkit.ops.OperatorMachine;

/**
 * Every command the tools print runs as printed: collected from real runs of verify, install, backups and doctor
 * (the launcher and the jar of this build, against a real Prometheus that is not on 9090 and manifests in a folder
 * whose name needs quoting), then each pasted into {@code sh -c}. A rollback must leave the live Prometheus running
 * what is on disk: the reload reached the Prometheus the install used.
 */
@RequiresTools({"prometheus", "promtool", "prometheus-alertmanager", "amtool"})
class PrintedCommandsIT {

    /** A printed command runs to the end of its line; a name in quotes or backticks is prose, not a command. */
    private static final Pattern PRINTED =
            Pattern.compile("(?<![`'\\w-])(quantum-safety (?:ops|doctor|exporter|ctl|kernel)\\b.*)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Launcher launcher = Launcher.ofThisBuild();

    @AutoClose
    private OperatorMachine env;

    @Test
    void everyPrintedCommandRunsAsPrintedAndRollbackReloadsThePrometheusTheInstallUsed() throws Exception {
        env = OperatorMachine.start(InProcessExporter::onLoopbackV4);
        Path backups = env.dir().resolve("it's a folder/backups");
        String[] setup = {"--prometheus.config=" + env.config(), "--prometheus.rules-dir=" + env.rulesDir(),
                "--prometheus.url=" + env.prometheus().url(), "--exporter.address=" + env.exporter().target(),
                "--alertmanager.url=" + env.alertmanager().url(), "--bundle.dir=" + env.bundleDir(),
                "--backup.dir=" + backups};

        Launcher.Run before = run(concat(new String[] {"ops", "verify"}, setup));
        assertThat(before.exitCode()).as("nothing installed yet").isEqualTo(1);
        List<String> installs = printed(before.out(), "quantum-safety ops install ");
        assertThat(installs).as(before.out()).singleElement();
        String install = installs.get(0);
        assertThat(install).contains("--backup.dir='" + backups.toString().replace("'", "'\\''") + "'", "--yes");

        Launcher.Run installed = shell(install, 0);
        List<String> fromInstall = printed(installed.out(), "quantum-safety ");
        assertThat(fromInstall).as(installed.out()).singleElement().asString().startsWith("quantum-safety ops rollback ");

        Launcher.Run listed = run("ops", "backups", "--backup.dir=" + backups);
        assertThat(listed.exitCode()).as(listed.out() + listed.err()).isZero();
        List<String> fromBackups = printed(listed.out(), "quantum-safety ");
        assertThat(fromBackups).as("the newest install, and the backup file it made").hasSize(2)
                .anyMatch(c -> c.contains(" --to=" + env.config() + ".backup_qs_"));

        Launcher.Run doctor = run("doctor", "--backup.dir=" + backups, "--redis.addr=" + env.redis().uri());
        assertThat(doctor.exitCode()).as(doctor.out() + doctor.err()).isZero();
        List<String> fromDoctor = printed(doctor.out(), "quantum-safety ");
        assertThat(fromDoctor).as(doctor.out()).isNotEmpty();

        Set<String> distinct = new LinkedHashSet<>(fromInstall);
        distinct.addAll(fromBackups);
        distinct.addAll(fromDoctor);
        assertThat(distinct).allMatch(c -> c.startsWith("quantum-safety ops rollback ") && c.endsWith(" --yes"));
        for (String command : distinct) {
            shell(install, 0);
            shell(command, 0);
            assertTheLivePrometheusRunsTheFileOnDisk(command);
        }

        Launcher.Run notLive = shell(install.replace(" --yes", " --no-reload --yes"), 0);
        List<String> hints = printed(notLive.out(), "quantum-safety ");
        assertThat(hints).as(notLive.out()).hasSize(2);
        assertThat(hints.get(0)).startsWith("quantum-safety ops verify ");
        shell(hints.get(0), 1);
        shell(hints.get(1), 0);
        assertTheLivePrometheusRunsTheFileOnDisk(hints.get(1));
    }

    private void assertTheLivePrometheusRunsTheFileOnDisk(String command) throws Exception {
        assertThat(Files.readAllBytes(env.config())).as(command).isEqualTo(env.original());
        JsonNode status = get("/api/v1/status/config");
        assertThat(RunningConfig.difference(Files.readString(env.config()), status.path("data").path("yaml").asText(),
                env.config().getParent())).as(command).isEmpty();
        List<String> jobs = new ArrayList<>();
        get("/api/v1/targets?state=active").path("data").path("activeTargets")
                .forEach(t -> jobs.add(t.path("labels").path("job").asText()));
        assertThat(jobs).as(command).contains("prometheus").doesNotContain("quantum_safety_telemetry");
    }

    private Launcher.Run run(String... args) throws Exception {
        return launcher.run(Map.of(), args);
    }

    private Launcher.Run shell(String command, int expectedExit) throws Exception {
        Launcher.Run run = launcher.shell(command);
        assertThat(run.exitCode()).as(command + "\n" + run.out() + run.err()).isEqualTo(expectedExit);
        return run;
    }

    /** The commands printed in {@code out} that start with {@code prefix}, in order, once each. */
    private static List<String> printed(String out, String prefix) {
        Set<String> commands = new LinkedHashSet<>();
        for (String line : out.lines().toList()) {
            Matcher m = PRINTED.matcher(line);
            if (m.find() && m.group(1).startsWith(prefix)) {
                commands.add(m.group(1).strip());
            }
        }
        return List.copyOf(commands);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(env.prometheus().url() + path)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
