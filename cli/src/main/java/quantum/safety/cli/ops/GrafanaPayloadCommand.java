package quantum.safety.cli.ops;

import java.util.Optional;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import quantum.safety.cli.UsageException;
import quantum.safety.cli.settings.SettingsFrom;
import quantum.safety.ops.grafana.GrafanaPayload;

/**
 * {@code quantum-safety ops grafana-payload}: prints the body of Grafana's dashboard import API, built from the same
 * dashboard model that file provisioning loads. Its flags are declared in {@link OpsSetting}.
 */
@SettingsFrom(OpsSetting.class)
@Command(name = "grafana-payload",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Prints the Quantum Safety dashboard wrapped for Grafana's HTTP API (POST /api/dashboards/db): "
                        + "{\"dashboard\": <model>, \"folderUid\": …, \"overwrite\": …}.",
                "The model is the one file provisioning loads (grafana/dashboards/quantum_safety_telemetry.json in "
                        + "the bundle), so both ways of installing give the same dashboard (uid quantum-safety-telemetry).",
                "",
                "Example:",
                "  quantum-safety ops grafana-payload --folder-uid=quantum-trader --overwrite \\",
                "    | curl -sf -H 'Content-Type: application/json' -H \"Authorization: Bearer $GRAFANA_TOKEN\" \\",
                "        --data @- http://127.0.0.1:3000/api/dashboards/db"})
public final class GrafanaPayloadCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--folder-uid", paramLabel = "UID")
    String folderUid;

    @Option(names = "--overwrite", negatable = true, fallbackValue = "true")
    boolean overwrite;

    @Override
    public void run() {
        GrafanaPayload payload;
        try {
            payload = GrafanaPayload.of(Optional.ofNullable(folderUid), overwrite);
        } catch (IllegalArgumentException e) {
            throw new UsageException(OpsSetting.GRAFANA_FOLDER_UID.flag() + ": " + e.getMessage(), e);
        }
        spec.commandLine().getOut().println(payload.render());
        spec.commandLine().getOut().flush();
    }
}
