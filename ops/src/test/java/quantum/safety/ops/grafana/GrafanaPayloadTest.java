package quantum.safety.ops.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import quantum.safety.monitoring.Bundle;

class GrafanaPayloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void wrapsExactlyTheModelThatFileProvisioningLoads() throws Exception {
        JsonNode provisioned = JSON.readTree(Bundle.read(Bundle.DASHBOARD));
        JsonNode payload = JSON.readTree(GrafanaPayload.of(Optional.of("quantum-trader"), true).render());

        assertThat(payload.get("dashboard")).isEqualTo(provisioned);
        assertThat(payload.get("folderUid").asText()).isEqualTo("quantum-trader");
        assertThat(payload.get("overwrite").asBoolean()).isTrue();
        assertThat(payload.size()).isEqualTo(3);
        // the bundle file itself stays unwrapped (legacy bug: the wrapper in the provisioning folder)
        assertThat(provisioned.has("dashboard")).isFalse();
        assertThat(provisioned.get("uid").asText()).isEqualTo("quantum-safety-telemetry");
    }

    @Test
    void withoutAFolderTheDashboardGoesToTheRootFolderAndIsNotOverwritten() throws Exception {
        JsonNode payload = GrafanaPayload.of(Optional.empty(), false).toJson();
        assertThat(payload.get("folderUid").asText()).isEmpty();
        assertThat(payload.get("overwrite").asBoolean()).isFalse();
        assertThat(GrafanaPayload.of(Optional.of("  "), false).folderUid()).isEmpty();
    }

    @Test
    void aFolderUidGrafanaWouldRejectIsBadInputNamingTheFix() {
        assertThatThrownBy(() -> GrafanaPayload.of(Optional.of("Quantum Trader"), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Quantum Trader'").hasMessageContaining("/api/folders");
        assertThatThrownBy(() -> GrafanaPayload.of(Optional.of("x".repeat(41)), false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void callersGetCopiesTheyCannotUseToChangeThePayload() {
        GrafanaPayload payload = GrafanaPayload.of(Optional.empty(), false);
        payload.dashboard().put("title", "changed");
        payload.toJson().withObject("dashboard").put("uid", "changed");
        assertThat(payload.dashboard().get("title").asText()).isEqualTo("Quantum Safety Telemetry");
        assertThat(payload.toJson().get("dashboard").get("uid").asText()).isEqualTo("quantum-safety-telemetry");
    }
}
