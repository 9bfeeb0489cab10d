package quantum.safety.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class PlannerTest {

    @Test
    void theProvisioningFileIsPointedAtTheOperatorsDashboardFolderKeepingTheRest() {
        String bundle = """
                apiVersion: 1
                providers:
                  - name: quantum-safety
                    folder: Quantum Trader
                    options:
                      path: "/var/lib/grafana/dashboards/quantum"   # where the JSON lives
                """;
        String rewritten = Planner.pointProvidersAt(bundle, Path.of("/srv/grafana/qs"));
        assertThat(rewritten).isEqualTo(bundle.replace("\"/var/lib/grafana/dashboards/quantum\"", "/srv/grafana/qs"));
    }
}
