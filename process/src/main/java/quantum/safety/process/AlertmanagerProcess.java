package quantum.safety.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real Alertmanager ({@code prometheus-alertmanager} from PATH, Debian package of the same name) on a free
 * loopback port, clustering off, state in a temporary directory. Tests using it carry
 * {@code @RequiresTools({"prometheus-alertmanager"})}.
 */
public final class AlertmanagerProcess extends ServerProcess {

    /** A config that routes everything nowhere: enough for Prometheus to deliver alerts and for readiness checks. */
    public static final String MINIMAL_CONFIG = "route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n";

    private final Path configFile;

    private AlertmanagerProcess(Path configFile, int port, Path workDir) {
        super("alertmanager", port, workDir);
        this.configFile = configFile;
    }

    /** Starts Alertmanager with the given config file. */
    public static AlertmanagerProcess start(Path configFile) throws IOException {
        AlertmanagerProcess alertmanager = new AlertmanagerProcess(configFile.toAbsolutePath(), LocalRedis.freePort(),
                Files.createTempDirectory("quantum-alertmanager-"));
        alertmanager.start();
        return alertmanager;
    }

    /** Starts Alertmanager with {@link #MINIMAL_CONFIG}, written into its own temporary directory. */
    public static AlertmanagerProcess startMinimal() throws IOException {
        Path dir = Files.createTempDirectory("quantum-alertmanager-config-");
        Path config = Files.writeString(dir.resolve("alertmanager.yml"), MINIMAL_CONFIG);
        return start(config);
    }

    public Path configFile() {
        return configFile;
    }

    @Override
    protected List<String> command() {
        return List.of("prometheus-alertmanager",
                "--config.file=" + configFile,
                "--storage.path=" + workDir().resolve("data"),
                "--web.listen-address=127.0.0.1:" + port(),
                "--cluster.listen-address=",
                "--log.level=warn");
    }
}
