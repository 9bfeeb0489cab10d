package quantum.safety.cli.exporter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import quantum.safety.cli.BuildInfo;
import quantum.safety.cli.DurationConverter;
import quantum.safety.cli.LoggingOptions;
import quantum.safety.cli.RedisOptions;
import quantum.safety.cli.UsageException;
import quantum.safety.cli.settings.SettingsFrom;
import quantum.safety.exporter.BuildIdentity;
import quantum.safety.exporter.ExporterConfig;
import quantum.safety.exporter.ExporterEnv;
import quantum.safety.exporter.ExporterSetting;
import quantum.safety.exporter.ExporterServer;

/**
 * {@code quantum-safety exporter}: parses flags (declared in {@link ExporterSetting}, with their env twins and legacy
 * env names) into an {@link ExporterConfig} and runs an {@link ExporterServer} until SIGTERM. Everything else lives in
 * the exporter module.
 */
@SettingsFrom(ExporterSetting.class)
@Command(name = "exporter",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
                "Serves the safety state in Redis as Prometheus metrics, read fresh on every scrape.",
                "A drop-in for the legacy safety telemetry exporter: same port (9105), metric names and env vars.",
                "Every flag has an env twin; flags win over env, new env names over legacy ones."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  quantum-safety exporter",
                "  quantum-safety exporter --redis.addr=redis://10.0.0.5:6379 \\",
                "      --web.listen-address=127.0.0.1:9105",
                "  quantum-safety exporter --redis.password-file=/etc/quantum/redis-password \\",
                "      --deployment=prod-eu --web.config.file=/etc/quantum/web.yml --no-collector.top5-info",
                "  quantum-safety exporter --web.archive-url=https://archive.example.com:9107",
                "",
                "Endpoints: / (summary), /metrics, /-/healthy, /-/ready (503 while Redis does not answer)."})
public final class ExporterCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ExporterCommand.class);

    @Mixin
    RedisOptions redis;

    @Mixin
    LoggingOptions logging;

    @Option(names = "--web.listen-address", paramLabel = "[HOST]:PORT", split = ",")
    List<String> listenAddresses;

    @Option(names = "--web.config.file", paramLabel = "FILE")
    Path webConfigFile;

    @Option(names = "--web.max-scrape-timeout", paramLabel = "DURATION", converter = DurationConverter.class)
    Duration maxScrapeTimeout;

    @Option(names = "--window", paramLabel = "DURATION", converter = DurationConverter.class)
    Duration window;

    @Option(names = "--faults.top-symbols", paramLabel = "N")
    int faultsTopSymbols;

    @Option(names = "--collector.top5-info", arity = "0..1", fallbackValue = "true", paramLabel = "true|false")
    boolean top5Info;

    /** picocli's automatic negation does not apply to names with dots, so the Prometheus-style off switch is explicit. */
    @Option(names = "--no-collector.top5-info")
    boolean noTop5Info;

    @Option(names = "--collector.jvm", arity = "0..1", fallbackValue = "true", paramLabel = "true|false")
    boolean jvmMetrics;

    @Option(names = "--deployment", paramLabel = "NAME")
    String deployment;

    @Option(names = "--web.archive-url", paramLabel = "URL")
    String archiveUrl;

    @Override
    public Integer call() throws Exception {
        logging.apply();
        ExporterConfig config = config();
        explainIgnoredLegacySettings();
        ExporterServer server = start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping the exporter");
            server.close();
            stopped.countDown();
        }, "quantum-safety-exporter-shutdown"));
        stopped.await();
        return 0;
    }

    /**
     * Starts the exporter. Its {@link IllegalArgumentException} is bad input by contract (a web config file, a listen
     * address, a port in use), so it becomes a {@link UsageException} here.
     */
    private static ExporterServer start(ExporterConfig config) throws java.io.IOException {
        try {
            return ExporterServer.start(config);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    ExporterConfig config() {
        if (window.isNegative() || window.toMillis() < 1000 || window.toMillis() % 1000 != 0) {
            throw new UsageException("--window=" + window.toMillis() + "ms is not a whole number of seconds >= 1; "
                    + "use the kernel's " + ExporterSetting.WINDOW.legacyEnv() + ", e.g. --window=10s");
        }
        if (faultsTopSymbols < 0 || faultsTopSymbols > 1000) {
            throw new UsageException("--faults.top-symbols=" + faultsTopSymbols + " is out of range; use 0 to 1000");
        }
        if (maxScrapeTimeout.isZero() || maxScrapeTimeout.isNegative()) {
            throw new UsageException("--web.max-scrape-timeout must be positive, e.g. 5s");
        }
        List<String> addresses = listenAddresses.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (addresses.isEmpty()) {
            throw new UsageException("--web.listen-address is empty; use e.g. :9105");
        }
        BuildInfo build = BuildInfo.load();
        ExporterConfig.Builder config;
        try {
            config = ExporterConfig.builder(redis.connector("quantum-safety-exporter")).archiveUrl(archiveUrl);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        return config
                .schema(redis.schema())
                .windowSeconds((int) window.toSeconds())
                .kernelLimits(kernelLimit(ExporterSetting.KERNEL_GLOBAL_MAX), kernelLimit(ExporterSetting.KERNEL_SYMBOL_MAX))
                .faultsTopSymbols(faultsTopSymbols)
                .top5Info(top5Info && !noTop5Info)
                .jvmMetrics(jvmMetrics)
                .listenAddresses(addresses)
                .webConfigFile(webConfigFile)
                .maxScrapeTimeout(maxScrapeTimeout)
                .build(new BuildIdentity(build.version(), build.git(), deployment == null ? "" : deployment.trim()))
                .build();
    }

    /** The legacy exporter's polling knobs mean nothing for an exporter that reads on scrape; say so once. */
    private static void explainIgnoredLegacySettings() {
        new ExporterEnv(System.getenv()).ignoredSettingNotes().forEach(LOG::info);
    }

    /** The kernels' limit from the same env names the kernel reads, so the status page shows counts against it. */
    private static int kernelLimit(ExporterSetting row) {
        try {
            return new ExporterEnv(System.getenv()).kernelLimit(row);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }
}
