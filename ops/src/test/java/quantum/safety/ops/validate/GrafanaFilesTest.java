package quantum.safety.ops.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GrafanaFilesTest {

    @Test
    void theLegacyImportWrapperWithoutUidIsRefused() {
        String legacy = "{\"dashboard\": {\"title\": \"Quantum Safety Telemetry (P1)\", \"panels\": [{}]}, \"overwrite\": true}";
        assertThat(GrafanaFiles.dashboardProblems(legacy.getBytes()))
                .anyMatch(p -> p.contains("nested under \"dashboard\""))
                .anyMatch(p -> p.contains("no fixed \"uid\""));
    }

    @Test
    void aModelFileWithUidTitleAndPanelsIsFine() {
        String model = "{\"uid\": \"quantum-safety\", \"title\": \"Quantum Safety\", \"panels\": [{\"id\": 1}]}";
        assertThat(GrafanaFiles.dashboardProblems(model.getBytes())).isEmpty();
        assertThat(GrafanaFiles.dashboardSummary(model.getBytes())).isEqualTo("uid=quantum-safety title=\"Quantum Safety\" panels=1");
    }

    @Test
    void provisioningNeedsApiVersionOneAndAPath() {
        assertThat(GrafanaFiles.provisioningProblems("apiVersion: 1\nproviders:\n  - name: a\n    options:\n      path: /x\n")).isEmpty();
        assertThat(GrafanaFiles.provisioningProblems("apiVersion: 2\nproviders: []\n")).hasSize(2);
    }
}
