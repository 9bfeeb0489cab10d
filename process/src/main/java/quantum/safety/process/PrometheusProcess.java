package quantum.safety.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Prometheus ({@code prometheus} from PATH, Debian package {@code prometheus}) on a free loopback port, with
 * its TSDB in a temporary directory. Tests using it carry {@code @RequiresTools({"prometheus"})}.
 *
 * <pre>{@code
 * try (PrometheusProcess prometheus = PrometheusProcess.start(configFile)) {
 *     HttpClient.newHttpClient().send(... prometheus.url() + "/api/v1/targets" ...);
 * }
 * }</pre>
 *
 * The config file is the caller's and stays where it is, so relative {@code rule_files} resolve against its folder
 * and a test can edit it and {@code POST /-/reload}.
 */
public final class PrometheusProcess extends ServerProcess {

    private final Path configFile;
    private final boolean lifecycle;

    private PrometheusProcess(Path configFile, boolean lifecycle, int port, Path workDir) {
        super("prometheus", port, workDir);
        this.configFile = configFile;
        this.lifecycle = lifecycle;
    }

    /** Starts Prometheus with the lifecycle API on ({@code POST /-/reload} works). */
    public static PrometheusProcess start(Path configFile) throws IOException {
        return start(configFile, true);
    }

    /** Starts Prometheus; {@code lifecycle=false} makes {@code /-/reload} answer 403 like a default install. */
    public static PrometheusProcess start(Path configFile, boolean lifecycle) throws IOException {
        return start(configFile, lifecycle, LocalRedis.freePort());
    }

    /** Starts Prometheus on a given port, e.g. one a config file already names. */
    public static PrometheusProcess start(Path configFile, boolean lifecycle, int port) throws IOException {
        PrometheusProcess prometheus = new PrometheusProcess(configFile.toAbsolutePath(), lifecycle, port,
                Files.createTempDirectory("quantum-prometheus-"));
        prometheus.start();
        return prometheus;
    }

    public Path configFile() {
        return configFile;
    }

    @Override
    protected List<String> command() {
        List<String> command = new ArrayList<>(List.of("prometheus",
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + workDir().resolve("data"),
                "--web.listen-address=127.0.0.1:" + port(),
                "--log.level=warn"));
        if (lifecycle) {
            command.add("--web.enable-lifecycle");
        }
        return command;
    }
}
