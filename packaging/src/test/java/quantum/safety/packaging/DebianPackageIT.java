package quantum.safety.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import quantum.safety.testkit.RequiresTools;

/**
 * The {@code .deb} this build made, read with dpkg-deb: what it installs where, with which modes, which files dpkg
 * keeps as the administrator's, its control fields, and maintainer scripts that parse. The machine-changing half
 * (install, units verified and enabled, remove, purge, lintian) is {@code packaging/check-package.sh}, run by CI as
 * root.
 */
@RequiresTools({"dpkg-deb", "tar"})
class DebianPackageIT {

    static final String JAR = "/usr/share/quantum-safety/quantum-safety.jar";
    static final List<String> UNITS = List.of("quantum-safety-exporter", "quantum-safety-kernel",
            "quantum-safety-archive");
    static final Map<String, String> ENV_FILES = Map.of(
            "/etc/quantum/safety-telemetry.env", "quantum-safety-exporter.env",
            "/etc/quantum/safety-kernel.env", "quantum-safety-kernel.env",
            "/etc/quantum/safety-archive.env", "quantum-safety-archive.env");

    /** Every file of the package with its mode; everything belongs to root, every folder is drwxr-xr-x. */
    static final Map<String, String> FILES = Map.ofEntries(
            Map.entry("/usr/bin/quantum-safety", "-rwxr-xr-x"),
            Map.entry(JAR, "-rw-r--r--"),
            Map.entry("/lib/systemd/system/quantum-safety-exporter.service", "-rw-r--r--"),
            Map.entry("/lib/systemd/system/quantum-safety-kernel.service", "-rw-r--r--"),
            Map.entry("/lib/systemd/system/quantum-safety-archive.service", "-rw-r--r--"),
            // 0640: they may hold the Redis password; postinst gives them group quantum-safety
            Map.entry("/etc/quantum/safety-telemetry.env", "-rw-r-----"),
            Map.entry("/etc/quantum/safety-kernel.env", "-rw-r-----"),
            Map.entry("/etc/quantum/safety-archive.env", "-rw-r-----"),
            Map.entry("/usr/share/doc/quantum-safety/copyright", "-rw-r--r--"),
            Map.entry("/usr/share/doc/quantum-safety/changelog.gz", "-rw-r--r--"),
            Map.entry("/usr/share/man/man1/quantum-safety.1.gz", "-rw-r--r--"),
            Map.entry("/usr/share/lintian/overrides/quantum-safety", "-rw-r--r--"));

    static Path checkout;
    static DebArchive deb;
    static String debianVersion;

    @BeforeAll
    static void unpack(@TempDir Path work) throws IOException {
        // -Dtest=DebianPackageIT also selects it for the test phase, before package has built the .deb
        assumeTrue(System.getProperty("quantum.safety.target") != null,
                "runs in the integration-test phase, after package built the .deb (mvn verify)");
        checkout = Path.of(System.getProperty("quantum.safety.checkout"));
        // Maven's 0.1.0-SNAPSHOT is Debian's 0.1.0~SNAPSHOT: it sorts before the 0.1.0 release, as Maven's does.
        debianVersion = System.getProperty("quantum.safety.version").replace('-', '~');
        Path file = Path.of(System.getProperty("quantum.safety.target"))
                .resolve("quantum-safety_" + debianVersion + "_all.deb");
        assertThat(file).as("the package jdeb builds in package").isRegularFile();
        deb = DebArchive.unpack(file, work);
    }

    @Test
    void installsExactlyTheseFilesOwnedByRootWithTheirModes() {
        Map<String, DebArchive.Entry> contents = deb.contents();
        Map<String, String> files = contents.values().stream().filter(e -> !e.isDirectory())
                .collect(Collectors.toMap(DebArchive.Entry::path, DebArchive.Entry::mode));
        assertThat(files).containsExactlyInAnyOrderEntriesOf(FILES);
        assertThat(contents.values()).allSatisfy(e -> assertThat(e.owner()).as(e.path()).isEqualTo("root/root"));
        assertThat(contents.values()).filteredOn(DebArchive.Entry::isDirectory)
                .allSatisfy(e -> assertThat(e.mode()).as(e.path()).isEqualTo("drwxr-xr-x"));
    }

    @Test
    void theControlFieldsNameAnArchitectureIndependentPackageOnDebiansJava() {
        Map<String, String> fields = deb.fields();
        assertThat(fields).containsEntry("Package", "quantum-safety").containsEntry("Version", debianVersion)
                .containsEntry("Architecture", "all").containsEntry("Section", "admin")
                .containsEntry("Priority", "optional").containsKeys("Maintainer", "Installed-Size", "Homepage");
        // Debian's Java 17 (security updates from Debian) or any runtime that provides Java 17; adduser for postinst;
        // init-system-helpers for deb-systemd-helper (update-state), as debhelper's misc:Depends would add.
        assertThat(fields.get("Depends").split(",\\s*"))
                .containsExactly("default-jre-headless (>= 2:1.17) | java17-runtime-headless", "adduser",
                        "init-system-helpers (>= 1.54~)");
        assertThat(fields.get("Maintainer")).matches("[^<>]+ <[^@<>\\s]+@[^@<>\\s]+>");
        assertThat(fields.get("Description").lines().toList()).first().asString()
                .isEqualTo("safety kernel and safety telemetry exporter for automated trading");
    }

    @Test
    void theEnvFilesAreConffilesAndCopiesOfTheBundles() throws IOException {
        assertThat(Files.readAllLines(deb.controlFile("conffiles")))
                .containsExactlyInAnyOrderElementsOf(ENV_FILES.keySet());
        for (Map.Entry<String, String> env : ENV_FILES.entrySet()) {
            assertThat(deb.file(env.getKey())).hasSameBinaryContentAs(checkout.resolve("monitoring/systemd/" + env.getValue()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"quantum-safety-exporter", "quantum-safety-kernel", "quantum-safety-archive"})
    void eachUnitIsTheBundlesAndRunsTheJarAndEnvFileThePackageInstalls(String unit) throws IOException {
        Path installed = deb.file("/lib/systemd/system/" + unit + ".service");
        assertThat(installed).hasSameBinaryContentAs(checkout.resolve("monitoring/systemd/" + unit + ".service"));
        String text = Files.readString(installed);

        Matcher exec = Pattern.compile("(?m)^ExecStart=/usr/bin/java .* -jar (\\S+) ").matcher(text);
        assertThat(exec.find()).as("ExecStart of " + unit).isTrue();
        assertThat(exec.group(1)).isEqualTo(JAR);
        assertThat(deb.contents()).containsKey(exec.group(1));

        Matcher env = Pattern.compile("(?m)^EnvironmentFile=(\\S+)$").matcher(text);
        assertThat(env.find()).as("EnvironmentFile of " + unit).isTrue();
        assertThat(Files.readAllLines(deb.controlFile("conffiles"))).contains(env.group(1));
        assertThat(text).contains("apt-get install ./quantum-safety_…_all.deb").doesNotContain("/opt/quantum-safety");
    }

    @Test
    void theLauncherAndTheJarAreThoseOfThisBuild() {
        assertThat(deb.file("/usr/bin/quantum-safety")).hasSameBinaryContentAs(checkout.resolve("packaging/src/deb/bin/quantum-safety"));
        assertThat(deb.file(JAR)).hasSameBinaryContentAs(Path.of(System.getProperty("quantum.safety.jar")));
    }

    @Test
    void theMaintainerScriptsAreShellThatParsesAndStopOnTheFirstError() throws IOException {
        assertThat(deb.controlFiles()).containsExactly("conffiles", "control", "md5sums", "postinst", "postrm", "prerm");
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Path file = deb.controlFile(script);
            assertThat(file).isExecutable();
            List<String> lines = Files.readAllLines(file);
            assertThat(lines.get(0)).as(script).isEqualTo("#!/bin/sh");
            assertThat(lines).as(script).contains("set -e");
            DebArchive.run("sh", "-n", file.toString());
        }
    }

    /** Enabled on installation, started by nobody: the env file needs the Redis address first. */
    @Test
    void postinstCreatesTheUserAndEnablesBothUnitsWithoutStartingThem() throws IOException {
        String postinst = Files.readString(deb.controlFile("postinst"));
        assertThat(postinst)
                .contains("adduser --quiet --system --group --no-create-home --home /nonexistent --shell /usr/sbin/nologin")
                .contains("deb-systemd-helper enable \"$unit\"")
                .contains("for unit in quantum-safety-exporter.service quantum-safety-kernel.service "
                        + "quantum-safety-archive.service")
                .contains("dpkg-statoverride --list \"$env_file\"", "chown root:quantum-safety \"$env_file\"")
                .doesNotContainPattern("deb-systemd-invoke (start|restart)")
                .doesNotContain("systemctl start", "systemctl enable");
        // on an upgrade, only units already running are restarted with the new jar
        assertThat(postinst).containsPattern("if \\[ -n \"\\$2\" \\]; then\\s+deb-systemd-invoke try-restart "
                + "quantum-safety-exporter.service quantum-safety-kernel.service quantum-safety-archive.service");
    }

    @Test
    void prermStopsAndPostrmPurgesBothUnits() throws IOException {
        String both = String.join(" ", UNITS.stream().map(u -> u + ".service").toList());
        assertThat(Files.readString(deb.controlFile("prerm"))).contains("deb-systemd-invoke stop " + both);
        assertThat(Files.readString(deb.controlFile("postrm"))).contains("deb-systemd-helper purge " + both)
                .doesNotContain("deluser", "userdel");
    }

    @Test
    void theChangelogNamesThisVersionAndTheDocsAreCompressed() throws IOException {
        List<String> changelog = gunzip(deb.file("/usr/share/doc/quantum-safety/changelog.gz")).lines().toList();
        assertThat(changelog.get(0)).isEqualTo("quantum-safety (" + debianVersion + ") unstable; urgency=medium");
        assertThat(changelog).last().asString().startsWith(" -- " + deb.fields().get("Maintainer") + "  ");
        String man = gunzip(deb.file("/usr/share/man/man1/quantum-safety.1.gz"));
        assertThat(man).startsWith(".TH QUANTUM-SAFETY 1 ").contains("quantum-safety " + System.getProperty("quantum.safety.version"));
        assertThat(Files.readString(deb.file("/usr/share/doc/quantum-safety/copyright")))
                .startsWith("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n");
    }

    /** The man page lists every command the jar's --help lists, so a new command cannot go undocumented. */
    @Test
    void theManPageDocumentsEveryCommand() throws IOException {
        String help = DebArchive.run(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", System.getProperty("quantum.safety.jar"), "--help");
        List<String> commands = help.lines().dropWhile(l -> !l.equals("Commands:")).skip(1)
                .map(l -> Pattern.compile("^  (\\S+)\\s").matcher(l)).filter(Matcher::find).map(m -> m.group(1))
                .toList();
        assertThat(commands).contains("kernel", "exporter", "archive", "ctl", "ops", "doctor", "demo");
        String man = gunzip(deb.file("/usr/share/man/man1/quantum-safety.1.gz"));
        String section = man.substring(man.indexOf(".SH COMMANDS"), man.indexOf(".SH OPTIONS"));
        assertThat(commands).allSatisfy(c -> assertThat(section).containsPattern("(?m)^\\.B " + c + "( |$)"));
    }

    /** Every lintian override says why right above it (check-package.sh fails on any tag not overridden). */
    @Test
    void everyLintianOverrideHasItsReasonAboveIt() throws IOException {
        List<String> lines = Files.readAllLines(deb.file("/usr/share/lintian/overrides/quantum-safety"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("quantum-safety: ")) {
                assertThat(i).as("reason above " + lines.get(i)).isPositive();
                assertThat(lines.get(i - 1)).as("reason above " + lines.get(i)).matches("# \\S.{10,}");
            }
        }
    }

    private static String gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
