package quantum.safety.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quantum.safety.testkit.RequiresTools;

class SystemdUnitTest {

    /**
     * The "systemd hardening-options" block of Debian bookworm's /lib/systemd/system/prometheus.service
     * (prometheus 2.42.0+ds-5), copied here so the test does not depend on the package being installed.
     */
    static final Map<String, String> DEBIAN_PROMETHEUS_HARDENING = orderedMap(
            "AmbientCapabilities", "", "CapabilityBoundingSet", "", "DeviceAllow", "/dev/null rw",
            "DevicePolicy", "strict", "LimitMEMLOCK", "0", "LimitNOFILE", "32768", "LockPersonality", "true",
            "MemoryDenyWriteExecute", "true", "NoNewPrivileges", "true", "PrivateDevices", "true",
            "PrivateTmp", "true", "PrivateUsers", "true", "ProtectControlGroups", "true", "ProtectHome", "true",
            "ProtectKernelModules", "true", "ProtectKernelTunables", "true", "ProtectSystem", "full",
            "RemoveIPC", "true", "RestrictNamespaces", "true", "RestrictRealtime", "true",
            "SystemCallArchitectures", "native");

    /** The one directive the JVM cannot live with: it writes its interpreter and JIT code, then executes it. */
    static final Map<String, String> JVM_EXCEPTIONS = Map.of("MemoryDenyWriteExecute", "false");

    private final Map<String, String> unit = directives(Bundle.read(Bundle.SYSTEMD_UNIT));

    @Test
    void runsTheJarsExporterAsADedicatedUserWithTheEnvFile() {
        assertThat(unit).containsEntry("User", "quantum-safety").containsEntry("Group", "quantum-safety")
                .containsEntry("EnvironmentFile", "/etc/quantum/safety-telemetry.env")
                .containsEntry("Restart", "on-failure");
        assertThat(unit.get("ExecStart"))
                .startsWith("/usr/bin/java -XX:+UseSerialGC ")
                .contains("-XX:+ExitOnOutOfMemoryError")
                .endsWith("-jar /opt/quantum-safety/quantum-safety.jar exporter");
    }

    /**
     * The limits come from the measured figures (docs/benchmarks.md: at most 72.5 MiB under load): the memory alert
     * fires above that and before the unit throttles (MemoryHigh), which comes before it kills (MemoryMax); the heap
     * fits well under the alert. The legacy unit's 50M/64M (contract §6) were below what the exporter needs idle.
     */
    @Test
    void theMemoryAlertFiresBeforeTheUnitThrottlesAndThrottlingComesBeforeTheKill() {
        assertThat(unit).containsEntry("MemoryHigh", "112M").containsEntry("MemoryMax", "128M");
        Matcher threshold = Pattern.compile("process_resident_memory_bytes\\{[^}]*} > (\\d+) \\* 1024 \\* 1024")
                .matcher(RuleFiles.alert("QuantumSafetyExporterMemoryHigh").expr());
        assertThat(threshold.find()).isTrue();
        int alertMiB = Integer.parseInt(threshold.group(1));
        double measuredPeakMiB = 72.5;
        assertThat(alertMiB).isGreaterThan((int) (measuredPeakMiB * 1.25)).isLessThan(112);
        Matcher xmx = Pattern.compile("-Xmx(\\d+)m").matcher(unit.get("ExecStart"));
        assertThat(xmx.find()).isTrue();
        assertThat(Integer.parseInt(xmx.group(1))).isLessThan(alertMiB / 2);
    }

    /** The flags measured for the unit are the launcher's, heap size aside: the two cannot drift apart again. */
    @Test
    void theUnitRunsTheLaunchersJvmFlagsExceptTheHeapCeiling() throws IOException {
        String launcher = Files.readString(Path.of("..", "quantum-safety"));
        Matcher opts = Pattern.compile("default_opts=\\(([^)]*)\\)").matcher(launcher);
        assertThat(opts.find()).isTrue();
        List<String> launcherFlags = List.of(opts.group(1).trim().split("\\s+"));
        List<String> unitFlags = List.of(unit.get("ExecStart").split("\\s+"));
        assertThat(unitFlags.subList(1, unitFlags.indexOf("$JAVA_OPTS")))
                .containsExactlyElementsOf(launcherFlags.stream().map(f -> f.startsWith("-Xmx") ? "-Xmx32m" : f).toList());
        assertThat(launcher).contains("MALLOC_ARENA_MAX:-2");
        assertThat(unit).containsEntry("Environment", "MALLOC_ARENA_MAX=2");
    }

    @Test
    void mirrorsTheHardeningOfDebiansPrometheusService() {
        DEBIAN_PROMETHEUS_HARDENING.forEach((key, value) ->
                assertThat(unit).containsEntry(key, JVM_EXCEPTIONS.getOrDefault(key, value)));
    }

    /** Where Debian's prometheus package is installed (CI), compare with its real unit file. */
    @Test
    @RequiresTools({"prometheus"})
    void theCopiedHardeningBlockIsDebians() throws IOException {
        Map<String, String> theirs = directives(Files.readString(Path.of("/lib/systemd/system/prometheus.service")));
        DEBIAN_PROMETHEUS_HARDENING.forEach((key, value) -> assertThat(theirs).containsEntry(key, value));
    }

    @Test
    void theEnvFileDocumentsEveryVariableItMentions() {
        List<String> lines = Bundle.read(Bundle.SYSTEMD_ENV).lines().toList();
        Pattern variable = Pattern.compile("^#?([A-Z][A-Z0-9_]*)=.*");
        int documented = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = variable.matcher(lines.get(i));
            if (m.matches()) {
                documented++;
                // a comment in prose (not another variable) sits right above each variable or its group
                int j = i - 1;
                while (j >= 0 && variable.matcher(lines.get(j)).matches()) {
                    j--;
                }
                assertThat(lines.get(j)).as("comment above %s", m.group(1)).startsWith("# ");
            }
        }
        String env = Bundle.read(Bundle.SYSTEMD_ENV);
        for (String name : List.of("REDIS_HOST", "REDIS_PORT", "REDIS_PASSWORD", "PORT", "SAFETY_WINDOW_SEC",
                "SAMPLE_INTERVAL_SEC", "FAULT_LOOKBACK_MAX", "QUANTUM_SAFETY_REDIS_ADDR",
                "QUANTUM_SAFETY_REDIS_PASSWORD_FILE", "QUANTUM_SAFETY_DEPLOYMENT", "QUANTUM_SAFETY_LOG_LEVEL",
                "JAVA_OPTS")) {
            assertThat(env).as(name).containsPattern("(?m)^#?" + name + "=");
        }
        assertThat(documented).isGreaterThanOrEqualTo(15);
        // secrets never get a default value in the example
        assertThat(env).containsPattern("(?m)^#REDIS_PASSWORD=$").containsPattern("(?m)^#QUANTUM_SAFETY_REDIS_PASSWORD=$");
    }

    @Test
    @RequiresTools({"systemd-analyze"})
    void systemdAnalyzeVerifiesTheUnit(@TempDir Path dir) throws IOException {
        Path unitFile = dir.resolve("quantum-safety-exporter.service");
        Files.writeString(unitFile, Bundle.read(Bundle.SYSTEMD_UNIT));
        Tool verify = Tool.run(dir, "systemd-analyze", "verify", unitFile.toString());
        assertThat(verify.succeeded()).as(verify.describe()).isTrue();
        // systemd-analyze only warns about many mistakes; a clean unit prints nothing about itself
        assertThat(verify.output()).doesNotContain("quantum-safety-exporter.service:");
    }

    /** Key=value lines of a unit file; a later assignment wins, as in systemd. */
    static Map<String, String> directives(String unit) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String line : unit.lines().toList()) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";") || trimmed.startsWith("[")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            result.put(trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1).strip());
        }
        return result;
    }

    private static Map<String, String> orderedMap(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
