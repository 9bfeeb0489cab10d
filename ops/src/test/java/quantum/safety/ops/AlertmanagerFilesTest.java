package quantum.safety.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quantum.safety.ops.bundle.BundlePaths;
import quantum.safety.ops.bundle.ClasspathBundleSource;
import quantum.safety.ops.bundle.DirectoryBundleSource;
import quantum.safety.ops.plan.FileKind;

/** The Alertmanager config comes with the templates its templates: glob loads, placed where the glob finds them. */
class AlertmanagerFilesTest {

    @TempDir
    Path tmp;

    @Test
    void thePackagedConfigComesWithItsTemplateBesideItWhereItsGlobLoadsIt() {
        Path config = tmp.resolve("etc/alertmanager.yml");

        List<PlannedFile> files = AlertmanagerFiles.plan(ClasspathBundleSource.packaged(), config, false);

        assertThat(files).extracting(PlannedFile::kind).containsExactly(FileKind.ALERTMANAGER_TEMPLATE,
                FileKind.ALERTMANAGER_CONFIG);
        assertThat(files.get(0).target()).isEqualTo(tmp.resolve("etc/templates/quantum_safety.tmpl"));
        assertThat(new String(files.get(0).after())).contains("define \"quantum_safety.title\"");
        assertThat(AlertmanagerFiles.templateGlobs(files.get(1).after(), "test")).containsExactly("templates/*.tmpl");
    }

    @Test
    void aGlobThatWouldMatchNoFileIsRefusedBeforeAnythingChanges() throws Exception {
        Path bundle = tmp.resolve("bundle");
        Fixtures.bundle(bundle);
        Files.writeString(bundle.resolve(BundlePaths.ALERTMANAGER),
                "templates: ['tmpl/*.tmpl']\nroute:\n  receiver: a\nreceivers:\n  - name: a\n");

        assertThatThrownBy(() -> AlertmanagerFiles.plan(new DirectoryBundleSource(bundle), tmp.resolve("am/alertmanager.yml"),
                false)).isInstanceOf(OpsInputException.class)
                .hasMessageContaining("'tmpl/*.tmpl', which would match no file next to --alertmanager.config");
    }

    @Test
    void aTemplateNoGlobLoadsIsRefused() throws Exception {
        Path bundle = tmp.resolve("bundle");
        Fixtures.bundle(bundle);
        Files.writeString(bundle.resolve(BundlePaths.ALERTMANAGER), "route:\n  receiver: a\nreceivers:\n  - name: a\n");

        assertThatThrownBy(() -> AlertmanagerFiles.plan(new DirectoryBundleSource(bundle), tmp.resolve("am/alertmanager.yml"),
                false)).isInstanceOf(OpsInputException.class)
                .hasMessageContaining("quantum_safety.tmpl would be installed, but no templates: glob");
    }

    @Test
    void anOperatorsDifferentTemplateIsReplacedOnlyWithForce() throws Exception {
        Path config = tmp.resolve("am/alertmanager.yml");
        Path template = Files.createDirectories(tmp.resolve("am/templates")).resolve("quantum_safety.tmpl");
        Files.writeString(template, "{{ define \"mine\" }}mine{{ end }}\n");

        assertThatThrownBy(() -> AlertmanagerFiles.plan(ClasspathBundleSource.packaged(), config, false))
                .isInstanceOf(OpsInputException.class).hasMessageContaining(template.toString())
                .hasMessageContaining("--force");
        assertThat(AlertmanagerFiles.plan(ClasspathBundleSource.packaged(), config, true).get(0).changed()).isTrue();
    }
}
