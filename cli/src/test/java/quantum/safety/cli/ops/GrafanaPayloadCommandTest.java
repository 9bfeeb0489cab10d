package quantum.safety.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;
import quantum.safety.cli.Main;
import quantum.safety.monitoring.Bundle;

class GrafanaPayloadCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void printsTheImportWrapperAroundTheProvisionedModel() throws Exception {
        assertThat(run("ops", "grafana-payload", "--folder-uid=quantum-trader", "--overwrite")).isZero();
        JsonNode payload = JSON.readTree(out.toString());
        assertThat(payload.get("dashboard")).isEqualTo(JSON.readTree(Bundle.read(Bundle.DASHBOARD)));
        assertThat(payload.get("folderUid").asText()).isEqualTo("quantum-trader");
        assertThat(payload.get("overwrite").asBoolean()).isTrue();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void byDefaultItNeitherPicksAFolderNorOverwrites() throws Exception {
        assertThat(run("ops", "grafana-payload")).isZero();
        JsonNode payload = JSON.readTree(out.toString());
        assertThat(payload.get("folderUid").asText()).isEmpty();
        assertThat(payload.get("overwrite").asBoolean()).isFalse();
    }

    @Test
    void noOverwriteTurnsItOff() throws Exception {
        assertThat(run("ops", "grafana-payload", "--no-overwrite")).isZero();
        assertThat(JSON.readTree(out.toString()).get("overwrite").asBoolean()).isFalse();
    }

    @Test
    void aBadFolderUidExitsWithUsageCodeAndOneLineNamingTheFlag() {
        assertThat(run("ops", "grafana-payload", "--folder-uid=Quantum Trader")).isEqualTo(Main.EXIT_USAGE);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().strip().lines()).singleElement().asString()
                .contains("--folder-uid").contains("Quantum Trader");
    }

    @Test
    void opsWithoutASubcommandIsBadInput() {
        assertThat(run("ops")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("grafana-payload");
    }

    @Test
    void helpExplainsEachFlagWithItsEnvTwinAndAnExample() {
        assertThat(run("ops", "grafana-payload", "--help")).isZero();
        assertThat(out.toString()).contains("--folder-uid").contains("QUANTUM_SAFETY_GRAFANA_FOLDER_UID")
                .contains("--[no-]overwrite").contains("QUANTUM_SAFETY_GRAFANA_OVERWRITE")
                .contains("Example").contains("/api/dashboards/db");
    }
}
