package quantum.safety.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quantum.safety.ops.OpsInputException;
import quantum.safety.ops.prometheus.RemoteWrite;
import quantum.safety.ops.prometheus.RemoteWriteChoice;
import quantum.safety.ops.prometheus.RemoteWriteChoice.Origin;
import quantum.safety.ops.prometheus.RemoteWriteInput;

/**
 * An install without {@code --remote-write.*} flags keeps the entry the install in place recorded; flags replace it,
 * {@code --remote-write.url=none} takes it out; manifests from before it was recorded, and a rolled-back install,
 * mean none; a manifest that cannot be read or names an entry the flags would refuse stops the install (exit 2).
 */
class RemoteWriteRecallTest {

    private static final String SECRET = "hunter2-never-recorded";

    @TempDir
    Path tmp;

    private ManifestStore store;
    private RemoteWrite mimir;

    @BeforeEach
    void setUp() throws IOException {
        store = new ManifestStore(tmp.resolve("backups"));
        Path password = Files.writeString(tmp.resolve("mimir-password"), SECRET + "\n");
        mimir = new RemoteWriteInput().url("https://mimir.example.com/api/v1/push").username("trading")
                .passwordFile(password.toString()).tlsCaFile(tmp.resolve("ca.pem").toString())
                .headers(List.of("X-Scope-OrgID=trading")).allSeries(true).build().orElseThrow();
    }

    private Manifest install(String stamp, RemoteWrite remoteWrite, String rolledBackAt) {
        InstallSetup setup = InstallSetup.builder().prometheusConfig(tmp.resolve("prometheus.yml"))
                .backupDir(store.dir()).remoteWrite(remoteWrite == null ? null : RecordedRemoteWrite.of(remoteWrite))
                .build();
        Manifest manifest = new Manifest("install_qs_" + stamp, Manifest.KIND_INSTALL, "qs",
                stamp.substring(0, 4) + "-" + stamp.substring(4, 6) + "-" + stamp.substring(6, 8) + "T"
                        + stamp.substring(9, 11) + ":" + stamp.substring(11, 13) + ":" + stamp.substring(13, 15),
                setup.prometheusConfig(), List.of(), List.of(), rolledBackAt, setup);
        store.save(manifest);
        return manifest;
    }

    @Test
    void withoutFlagsTheRecordedEntryIsKeptAndSaysFromWhichInstall() throws IOException {
        install("20260119_034418", mimir, null);

        RemoteWriteChoice recalled = RemoteWriteRecall.recall(RemoteWriteChoice.NOT_GIVEN, store);

        assertThat(recalled.origin()).isEqualTo(Origin.KEPT);
        assertThat(recalled.entry()).contains(mimir);
        assertThat(recalled.from()).isEqualTo("the install of 2026-01-19 03:44:18 (install_qs_20260119_034418)");
        String manifest = Files.readString(store.pathOf("install_qs_20260119_034418"));
        assertThat(manifest).as("paths, never the contents").contains(tmp.resolve("mimir-password").toString(),
                "X-Scope-OrgID=trading", "\"allSeries\" : true").doesNotContain(SECRET);
    }

    @Test
    void givenFlagsReplaceItAndNoneTakesItOut() {
        install("20260119_034418", mimir, null);
        RemoteWrite victoria = new RemoteWriteInput().url("http://10.0.0.5:8428/api/v1/write").build().orElseThrow();

        assertThat(RemoteWriteRecall.recall(RemoteWriteChoice.given(victoria), store))
                .isEqualTo(RemoteWriteChoice.given(victoria));
        assertThat(RemoteWriteRecall.recall(RemoteWriteChoice.TAKEN_OUT, store)).isEqualTo(RemoteWriteChoice.TAKEN_OUT);
    }

    @Test
    void theNewestInstallInPlaceDecidesEvenWhenItRecordedNone() {
        install("20260119_034418", mimir, null);
        install("20260120_034418", null, null);

        assertThat(RemoteWriteRecall.recall(RemoteWriteChoice.NOT_GIVEN, store))
                .as("the newer install took it out with none").isEqualTo(RemoteWriteChoice.NOT_GIVEN);
    }

    @Test
    void aRolledBackInstallIsNotInPlace() {
        RemoteWrite victoria = new RemoteWriteInput().url("http://10.0.0.5:8428/api/v1/write").build().orElseThrow();
        install("20260119_034418", mimir, null);
        install("20260120_034418", victoria, "2026-01-20T04:00:00");

        assertThat(RemoteWriteRecall.recall(RemoteWriteChoice.NOT_GIVEN, store).entry()).as("the older, in place")
                .contains(mimir);

        store.save(store.find("install_qs_20260119_034418").orElseThrow().rolledBack("2026-01-20T05:00:00"));
        assertThat(RemoteWriteRecall.recall(RemoteWriteChoice.NOT_GIVEN, store))
                .as("every install rolled back: prometheus.yml has no entry of ours, none comes back unasked")
                .isEqualTo(RemoteWriteChoice.NOT_GIVEN);
    }

    @Test
    void aManifestFromBeforeTheEntryWasRecordedOrNoneAtAllMeansNoRemoteWrite() throws IOException {
        assertThat(RemoteWriteRecall.recall(RemoteWriteChoice.NOT_GIVEN, store)).isEqualTo(RemoteWriteChoice.NOT_GIVEN);

        Files.createDirectories(store.dir());
        Files.writeString(store.pathOf("install_qs_20260119_034418"), """
                {"id":"install_qs_20260119_034418","kind":"install","tag":"qs","createdAt":"2026-01-19T03:44:18",
                 "prometheusConfig":"%s","files":[],"createdDirectories":[],
                 "setup":{"prometheusUrl":"http://127.0.0.1:9090","decisionServiceJob":false}}
                """.formatted(tmp.resolve("prometheus.yml")));

        assertThat(RemoteWriteRecall.recall(RemoteWriteChoice.NOT_GIVEN, store)).isEqualTo(RemoteWriteChoice.NOT_GIVEN);
    }

    @Test
    void aRecordedEntryTheFlagsWouldRefuseStopsTheInstallNamingTheManifest() throws IOException {
        Manifest manifest = install("20260119_034418", mimir, null);
        Path file = store.pathOf(manifest.id());
        Files.writeString(file, Files.readString(file).replace("https://mimir.example.com",
                "https://trading:" + SECRET + "@mimir.example.com"));

        assertThatThrownBy(() -> RemoteWriteRecall.recall(RemoteWriteChoice.NOT_GIVEN, store))
                .isInstanceOf(OpsInputException.class)
                .hasMessageStartingWith("the remote write recorded by the install of 2026-01-19 03:44:18 "
                        + "(install_qs_20260119_034418) in " + file + " is not usable (--remote-write.url carries "
                        + "credentials")
                .hasMessageEndingWith("pass the --remote-write.* flags to replace it, or --remote-write.url=none to "
                        + "take it out")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void manifestsThatCannotBeReadAreAnErrorNeverNoRemoteWrite() throws IOException {
        install("20260119_034418", mimir, null);
        Files.writeString(store.dir().resolve("install_qs_20260120_034418.json"), "{ not json");

        assertThatThrownBy(() -> RemoteWriteRecall.recall(RemoteWriteChoice.NOT_GIVEN, store))
                .isInstanceOf(OpsInputException.class)
                .hasMessageStartingWith("cannot read manifests in " + store.dir())
                .hasMessageEndingWith("pass --remote-write.url (a URL, or none)")
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
    }
}
