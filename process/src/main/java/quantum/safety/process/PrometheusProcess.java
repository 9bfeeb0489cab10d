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

    /** Long enough that blocks of any backfilled history stay: Prometheus deletes blocks older than retention. */
    private static final String HISTORY_RETENTION = "3650d";

    private final Path configFile;
    private final boolean lifecycle;
    private final String retention;

    private PrometheusProcess(Path configFile, boolean lifecycle, int port, Path workDir, String retention) {
        super("prometheus", port, workDir);
        this.configFile = configFile;
        this.lifecycle = lifecycle;
        this.retention = retention;
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
                Files.createTempDirectory("quantum-prometheus-"), null);
        prometheus.start();
        return prometheus;
    }

    /**
     * Starts Prometheus on a TSDB that already holds history, e.g. blocks written by {@code promtool tsdb
     * create-blocks-from openmetrics} into {@link #historyDir(Path)} of {@code workDir}, with a retention long enough
     * to keep them.
     */
    public static PrometheusProcess startOnHistory(Path configFile, Path workDir) throws IOException {
        PrometheusProcess prometheus = new PrometheusProcess(configFile.toAbsolutePath(), true, LocalRedis.freePort(),
                workDir, HISTORY_RETENTION);
        prometheus.start();
        return prometheus;
    }

    /** The TSDB folder of a Prometheus started on {@code workDir}, where backfilled blocks go. */
    public static Path historyDir(Path workDir) {
        return workDir.resolve("data");
    }

    public Path configFile() {
        return configFile;
    }

    @Override
    protected List<String> command() {
        List<String> command = new ArrayList<>(List.of("prometheus",
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + historyDir(workDir()),
                "--web.listen-address=127.0.0.1:" + port(),
                "--log.level=warn"));
        if (lifecycle) {
            command.add("--web.enable-lifecycle");
        }
        if (retention != null) {
            command.add("--storage.tsdb.retention.time=" + retention);
        }
        return command;
    }
}
