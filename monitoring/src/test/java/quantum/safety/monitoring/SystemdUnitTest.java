package quantum.safety.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import quantum.safety.testkit.RequiresTools;

/**
 * The bundle's systemd units: the exporter ({@code quantum-safety exporter}) and the decision service
 * ({@code quantum-safety kernel serve}). What they share is checked for both; their memory limits and env files each
 * have their own tests.
 */
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

    /** One unit of the bundle: its file, its env file (in the bundle and where it is installed), command and heap. */
    record UnitFile(String path, String envPath, String installedEnv, String command, String heap) {

        Map<String, String> directives() {
            return SystemdUnitTest.directives(Bundle.read(path));
        }

        String fileName() {
            return path.substring(path.lastIndexOf('/') + 1);
        }

        @Override
        public String toString() {
            return fileName();
        }
    }

    static final UnitFile EXPORTER = new UnitFile(Bundle.SYSTEMD_UNIT, Bundle.SYSTEMD_ENV,
            "/etc/quantum/safety-telemetry.env", "exporter", "-Xmx32m");
    static final UnitFile KERNEL = new UnitFile(Bundle.SYSTEMD_KERNEL_UNIT, Bundle.SYSTEMD_KERNEL_ENV,
            "/etc/quantum/safety-kernel.env", "kernel serve", "-Xmx64m");

    static final UnitFile ARCHIVE = new UnitFile(Bundle.SYSTEMD_ARCHIVE_UNIT, Bundle.SYSTEMD_ARCHIVE_ENV,
            "/etc/quantum/safety-archive.env", "archive", "-Xmx32m");

    static Stream<UnitFile> units() {
        return Stream.of(EXPORTER, KERNEL, ARCHIVE);
    }

    /** A unit added to the bundle without being added here would escape every check below. */
    @Test
    void everyUnitAndEnvFileOfTheBundleIsCheckedHere() {
        assertThat(Bundle.list("systemd")).containsExactlyInAnyOrderElementsOf(
                units().flatMap(u -> Stream.of(u.path(), u.envPath())).toList());
    }

    @ParameterizedTest
    @MethodSource("units")
    void runsTheJarAsADedicatedUserWithItsEnvFile(UnitFile unit) {
        Map<String, String> directives = unit.directives();
        assertThat(directives).containsEntry("User", "quantum-safety").containsEntry("Group", "quantum-safety")
                .containsEntry("EnvironmentFile", unit.installedEnv())
                .containsEntry("Restart", "on-failure")
                .containsEntry("SyslogIdentifier", unit.fileName().replace(".service", ""));
        assertThat(directives.get("ExecStart"))
                .startsWith("/usr/bin/java -XX:+UseSerialGC ")
                .contains("-XX:+ExitOnOutOfMemoryError")
                .endsWith("-jar /usr/share/quantum-safety/quantum-safety.jar " + unit.command());
    }

    /** The flags measured for the units are the launcher's, heap size aside: the files cannot drift apart again. */
    @ParameterizedTest
    @MethodSource("units")
    void theUnitRunsTheLaunchersJvmFlagsExceptTheHeapCeiling(UnitFile unit) throws IOException {
        String launcher = Files.readString(Path.of("..", "quantum-safety"));
        Matcher opts = Pattern.compile("default_opts=\\(([^)]*)\\)").matcher(launcher);
        assertThat(opts.find()).isTrue();
        List<String> launcherFlags = List.of(opts.group(1).trim().split("\\s+"));
        List<String> unitFlags = List.of(unit.directives().get("ExecStart").split("\\s+"));
        assertThat(unitFlags.subList(1, unitFlags.indexOf("$JAVA_OPTS")))
                .containsExactlyElementsOf(launcherFlags.stream().map(f -> f.startsWith("-Xmx") ? unit.heap() : f).toList());
        assertThat(launcher).contains("MALLOC_ARENA_MAX:-2");
        assertThat(unit.directives()).containsEntry("Environment", "MALLOC_ARENA_MAX=2");
    }

    @ParameterizedTest
    @MethodSource("units")
    void mirrorsTheHardeningOfDebiansPrometheusService(UnitFile unit) {
        Map<String, String> directives = unit.directives();
        DEBIAN_PROMETHEUS_HARDENING.forEach((key, value) ->
                assertThat(directives).as(unit + " " + key).containsEntry(key, JVM_EXCEPTIONS.getOrDefault(key, value)));
    }

    /** MemoryHigh throttles before MemoryMax kills, and the heap fits in under half of what throttling allows. */
    @ParameterizedTest
    @MethodSource("units")
    void theUnitThrottlesBeforeItIsKilledWithRoomAboveTheHeap(UnitFile unit) {
        Map<String, String> directives = unit.directives();
        int high = megabytes(directives.get("MemoryHigh"));
        int max = megabytes(directives.get("MemoryMax"));
        assertThat(high).as(unit + " MemoryHigh").isLessThan(max);
        assertThat(Integer.parseInt(unit.heap().replaceAll("\\D", ""))).as(unit + " heap").isLessThan(high / 2);
    }

    /** Where Debian's prometheus package is installed (CI), compare with its real unit file. */
    @Test
    @RequiresTools({"prometheus"})
    void theCopiedHardeningBlockIsDebians() throws IOException {
        Map<String, String> theirs = directives(Files.readString(Path.of("/lib/systemd/system/prometheus.service")));
        DEBIAN_PROMETHEUS_HARDENING.forEach((key, value) -> assertThat(theirs).containsEntry(key, value));
    }

    @ParameterizedTest
    @MethodSource("units")
    void theEnvFileDocumentsEveryVariableItMentions(UnitFile unit) {
        List<String> lines = Bundle.read(unit.envPath()).lines().toList();
        assertThat(lines.get(0)).as("first line of " + unit.envPath()).startsWith("# " + unit.installedEnv() + ": ");
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
                assertThat(lines.get(j)).as("comment above %s in %s", m.group(1), unit.envPath()).startsWith("# ");
            }
        }
        assertThat(documented).isGreaterThanOrEqualTo(15);
        assertThat(lines).as("every variable is commented out: the defaults apply until an operator sets one")
                .noneMatch(l -> variable.matcher(l).matches() && !l.startsWith("#"));
    }

    @ParameterizedTest
    @MethodSource("units")
    @RequiresTools({"systemd-analyze"})
    void systemdAnalyzeVerifiesTheUnit(UnitFile unit, @TempDir Path dir) throws IOException {
        Path unitFile = dir.resolve(unit.fileName());
        Files.writeString(unitFile, Bundle.read(unit.path()));
        Tool verify = Tool.run(dir, "systemd-analyze", "verify", unitFile.toString());
        assertThat(verify.succeeded()).as(verify.describe()).isTrue();
        // systemd-analyze only warns about many mistakes; a clean unit prints nothing about itself
        assertThat(verify.output()).doesNotContain(unit.fileName() + ":");
    }

    // ---- the exporter ------------------------------------------------------------------------------------------

    /**
     * The limits come from the measured figures (docs/benchmarks.md: at most 63.3 MiB under load): the memory alert
     * fires above that and before the unit throttles (MemoryHigh), which comes before it kills (MemoryMax); the heap
     * fits well under the alert. The legacy unit's 50M/64M (contract §6) were below what the exporter needs idle.
     */
    @Test
    void theExporterMemoryAlertFiresBeforeTheUnitThrottlesAndThrottlingComesBeforeTheKill() {
        assertThat(EXPORTER.directives()).containsEntry("MemoryHigh", "96M").containsEntry("MemoryMax", "112M");
        int alertMiB = alertThresholdMiB("QuantumSafetyExporterMemoryHigh");
        double measuredPeakMiB = 63.3;
        assertThat(alertMiB).isGreaterThan((int) (measuredPeakMiB * 1.25)).isLessThan(96);
        assertThat(heapMiB(EXPORTER)).isLessThan(alertMiB / 2);
    }

    @Test
    void theExporterEnvFileListsTheLegacyAndNewVariables() {
        String env = Bundle.read(Bundle.SYSTEMD_ENV);
        for (String name : List.of("REDIS_HOST", "REDIS_PORT", "REDIS_PASSWORD", "PORT", "SAFETY_WINDOW_SEC",
                "SAMPLE_INTERVAL_SEC", "FAULT_LOOKBACK_MAX", "QUANTUM_SAFETY_REDIS_ADDR",
                "QUANTUM_SAFETY_REDIS_PASSWORD_FILE", "QUANTUM_SAFETY_DEPLOYMENT", "QUANTUM_SAFETY_LOG_LEVEL",
                "JAVA_OPTS")) {
            assertThat(env).as(name).containsPattern("(?m)^#?" + name + "=");
        }
        // secrets never get a default value in the example
        assertThat(env).containsPattern("(?m)^#REDIS_PASSWORD=$").containsPattern("(?m)^#QUANTUM_SAFETY_REDIS_PASSWORD=$");
    }

    // ---- the decision service -----------------------------------------------------------------------------------

    /**
     * The limits come from the measured figures (docs/benchmarks.md: at most 84.4 MiB under load, 12.1 MiB of it
     * committed heap): the memory alert fires above that and before the unit throttles (MemoryHigh), which comes before
     * it kills (MemoryMax); the heap fully committed on top of the rest still fits under MemoryHigh. The unit and its
     * env file quote the unit's own limits.
     */
    @Test
    void theDecisionServiceMemoryAlertFiresBeforeTheUnitThrottlesAndAFullHeapIsNotThrottled() {
        assertThat(KERNEL.directives()).containsEntry("MemoryHigh", "144M").containsEntry("MemoryMax", "176M");
        int alertMiB = alertThresholdMiB("QuantumSafetyDecisionServiceMemoryHigh");
        double measuredPeakMiB = 84.4;
        double measuredHeapMiB = 12.1;
        assertThat(alertMiB).isGreaterThan((int) (measuredPeakMiB * 1.25)).isLessThan(144);
        assertThat(measuredPeakMiB - measuredHeapMiB + heapMiB(KERNEL)).isLessThan(144);
        assertThat(Bundle.read(Bundle.SYSTEMD_KERNEL_UNIT)).contains("fires above " + alertMiB + " MiB");
        assertThat(Bundle.read(Bundle.SYSTEMD_KERNEL_ENV)).contains("MemoryHigh=144M and MemoryMax=176M", "-Xmx64m");
    }

    /** SIGTERM drains the requests in flight for the shutdown grace; systemd must not kill it before that ends. */
    @Test
    void theDecisionServiceStopTimeoutOutlastsItsShutdownGrace() {
        Matcher grace = Pattern.compile("(?m)^#QUANTUM_SAFETY_SERVICE_SHUTDOWN_GRACE=(\\d+)s$")
                .matcher(Bundle.read(Bundle.SYSTEMD_KERNEL_ENV));
        assertThat(grace.find()).isTrue();
        Duration stop = Duration.ofSeconds(Long.parseLong(KERNEL.directives().get("TimeoutStopSec").replace("s", "")));
        assertThat(stop).isGreaterThan(Duration.ofSeconds(Long.parseLong(grace.group(1))));
    }

    @Test
    void theDecisionServiceEnvFileListsTheServiceKernelAndRedisSettings() {
        String env = Bundle.read(Bundle.SYSTEMD_KERNEL_ENV);
        Map<String, String> defaults = orderedMap(
                "QUANTUM_SAFETY_SERVICE_LISTEN_ADDRESS", "127.0.0.1:9106", "QUANTUM_SAFETY_SERVICE_THREADS", "16",
                "QUANTUM_SAFETY_SERVICE_QUEUE_SIZE", "256", "QUANTUM_SAFETY_SERVICE_MAX_BATCH", "100",
                "QUANTUM_SAFETY_SERVICE_MAX_BODY_BYTES", "131072", "QUANTUM_SAFETY_SERVICE_SHUTDOWN_GRACE", "10s",
                "QUANTUM_SAFETY_DECISION_TIMEOUT_MS", "250ms", "QUANTUM_SAFETY_WINDOW_SEC", "10",
                "QUANTUM_SAFETY_GLOBAL_MAX", "20", "QUANTUM_SAFETY_SYMBOL_MAX", "5", "QUANTUM_SAFETY_COOLDOWN_SEC", "300",
                "SAFETY_WINDOW_SEC", "10", "SAFETY_GLOBAL_MAX_INTENTS_PER_WINDOW", "20",
                "SAFETY_SYMBOL_MAX_INTENTS_PER_WINDOW", "5", "SAFETY_FAULT_COOLDOWN_SEC", "300",
                "QUANTUM_SAFETY_FAIL_POLICY", "closed", "QUANTUM_SAFETY_REDIS_ADDR", "redis://127.0.0.1:6379",
                "REDIS_HOST", "127.0.0.1", "REDIS_PORT", "6379", "QUANTUM_SAFETY_LOG_LEVEL", "info");
        defaults.forEach((name, value) ->
                assertThat(env).as(name).containsPattern("(?m)^#" + name + "=" + Pattern.quote(value) + "$"));
        for (String name : List.of("QUANTUM_SAFETY_SERVICE_WEB_CONFIG_FILE", "QUANTUM_SAFETY_FAIL_OPEN_GLOBAL_MAX",
                "QUANTUM_SAFETY_REDUCE_ONLY_IN_SAFE_MODE", "QUANTUM_SAFETY_KERNEL_ID", "QUANTUM_SAFETY_REDIS_USER",
                "QUANTUM_SAFETY_KEY_PREFIX", "QUANTUM_SAFETY_LOG_FORMAT", "JAVA_OPTS")) {
            assertThat(env).as(name).containsPattern("(?m)^#" + name + "=");
        }
    }

    /** The password comes from a file: the env file offers no place to write it inline, not even commented out. */
    @Test
    void theDecisionServiceEnvFileTakesTheRedisPasswordFromAFileOnly() {
        String env = Bundle.read(Bundle.SYSTEMD_KERNEL_ENV);
        assertThat(env).containsPattern("(?m)^#QUANTUM_SAFETY_REDIS_PASSWORD_FILE=/etc/quantum/redis.password$")
                .doesNotContainPattern("(?m)^#?\\s*(QUANTUM_SAFETY_)?REDIS_PASSWORD=");
    }

    // ---- the audit archive ---------------------------------------------------------------------------------------

    /**
     * The limits come from the measured figures (docs/benchmarks.md: at most 78.1 MiB archiving bursts of 10,000
     * events): a quarter above that fits under MemoryHigh, which comes before MemoryMax. The env file quotes them.
     */
    @Test
    void theArchiveThrottlesWellAboveItsMeasuredPeakAndBeforeItIsKilled() {
        assertThat(ARCHIVE.directives()).containsEntry("MemoryHigh", "112M").containsEntry("MemoryMax", "128M");
        double measuredPeakMiB = 78.1;
        assertThat(measuredPeakMiB * 1.25).isLessThan(112);
        assertThat(Bundle.read(Bundle.SYSTEMD_ARCHIVE_UNIT)).contains("at most " + measuredPeakMiB + " MiB");
        assertThat(Bundle.read(Bundle.SYSTEMD_ARCHIVE_ENV)).contains("MemoryHigh=112M and MemoryMax=128M", "-Xmx32m");
    }

    /** The stop timeout outlasts a batch's commit, which the JDBC socket timeout (60 s) bounds. */
    @Test
    void theArchiveStopTimeoutOutlastsABatchInHand() {
        assertThat(ARCHIVE.directives()).containsEntry("TimeoutStopSec", "90s");
    }

    @Test
    void theArchiveEnvFileListsItsPostgresAndRedisSettingsAndNoPassword() {
        String env = Bundle.read(Bundle.SYSTEMD_ARCHIVE_ENV);
        Map<String, String> defaults = orderedMap("QUANTUM_SAFETY_ARCHIVE_LISTEN_ADDRESS", "127.0.0.1:9107",
                "QUANTUM_SAFETY_ARCHIVE_BATCH_SIZE", "500", "QUANTUM_SAFETY_ARCHIVE_BLOCK", "1s",
                "QUANTUM_SAFETY_ARCHIVE_PASSWORD_FILE", "/etc/quantum/archive.password",
                "QUANTUM_SAFETY_REDIS_ADDR", "redis://127.0.0.1:6379", "QUANTUM_SAFETY_LOG_LEVEL", "info");
        defaults.forEach((name, value) ->
                assertThat(env).as(name).containsPattern("(?m)^#" + name + "=" + Pattern.quote(value) + "$"));
        for (String name : List.of("QUANTUM_SAFETY_ARCHIVE_URL", "QUANTUM_SAFETY_ARCHIVE_WEB_CONFIG_FILE", "PGHOST",
                "PGPORT", "PGDATABASE", "PGUSER", "PGSSLMODE", "PGSSLROOTCERT", "PGSSLCERT", "PGSSLKEY", "PGPASSFILE",
                "QUANTUM_SAFETY_REDIS_PASSWORD_FILE", "JAVA_OPTS")) {
            assertThat(env).as(name).containsPattern("(?m)^#" + name + "=");
        }
        assertThat(env).containsPattern("(?m)^#QUANTUM_SAFETY_ARCHIVE_URL=postgresql://[^:@]+@[^ ]*sslmode=verify-full")
                .doesNotContainPattern("(?m)^#?\\s*(PGPASSWORD|(QUANTUM_SAFETY_)?REDIS_PASSWORD)=");
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

    /** The threshold of a memory alert written as {@code process_resident_memory_bytes{…} > N * 1024 * 1024}. */
    private static int alertThresholdMiB(String alert) {
        Matcher threshold = Pattern.compile("process_resident_memory_bytes\\{[^}]*} > (\\d+) \\* 1024 \\* 1024")
                .matcher(RuleFiles.alert(alert).expr());
        assertThat(threshold.find()).as(alert + " threshold").isTrue();
        return Integer.parseInt(threshold.group(1));
    }

    /** The -Xmx of the unit's ExecStart, in MiB. */
    private static int heapMiB(UnitFile unit) {
        Matcher xmx = Pattern.compile("-Xmx(\\d+)m").matcher(unit.directives().get("ExecStart"));
        assertThat(xmx.find()).as(unit + " -Xmx").isTrue();
        return Integer.parseInt(xmx.group(1));
    }

    private static int megabytes(String systemdSize) {
        assertThat(systemdSize).matches("\\d+M");
        return Integer.parseInt(systemdSize.substring(0, systemdSize.length() - 1));
    }

    private static Map<String, String> orderedMap(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
