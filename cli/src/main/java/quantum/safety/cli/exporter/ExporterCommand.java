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
import quantum.safety.exporter.BuildIdentity;
import quantum.safety.exporter.ExporterConfig;
import quantum.safety.exporter.ExporterServer;

/**
 * {@code quantum-safety exporter}: parses flags (env twins, legacy env names) into an {@link ExporterConfig} and runs
 * an {@link ExporterServer} until SIGTERM. Everything else lives in the exporter module.
 */
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
                "  REDIS_PASSWORD=... quantum-safety exporter --deployment=prod-eu \\",
                "      --web.config.file=/etc/quantum/web.yml --no-collector.top5-info",
                "",
                "Endpoints: / (summary), /metrics, /-/healthy, /-/ready (503 while Redis does not answer)."})
public final class ExporterCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ExporterCommand.class);

    @Mixin
    RedisOptions redis;

    @Mixin
    LoggingOptions logging;

    @Option(names = "--web.listen-address", paramLabel = "[HOST]:PORT", split = ",",
            defaultValue = "${env:QUANTUM_SAFETY_WEB_LISTEN_ADDRESS:-${env:PORT:-:9105}}",
            description = {"Address to listen on; repeat (or separate with commas) for several. ':9105' listens on "
                    + "every interface, IPv4 and IPv6.",
                    "Env: QUANTUM_SAFETY_WEB_LISTEN_ADDRESS; legacy PORT gives ':PORT'. Default: :9105.",
                    "Example: --web.listen-address=127.0.0.1:9105 --web.listen-address=[::1]:9105"})
    List<String> listenAddresses;

    @Option(names = "--web.config.file", paramLabel = "FILE",
            defaultValue = "${env:QUANTUM_SAFETY_WEB_CONFIG_FILE}",
            description = {"Web config in the Prometheus exporter-toolkit format: tls_server_config (cert_file, key_file, "
                    + "min_version, client_auth_type, client_ca_file) and basic_auth_users (bcrypt hashes).",
                    "Env: QUANTUM_SAFETY_WEB_CONFIG_FILE. Example: --web.config.file=/etc/quantum/web.yml"})
    Path webConfigFile;

    @Option(names = "--web.max-scrape-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:QUANTUM_SAFETY_WEB_MAX_SCRAPE_TIMEOUT:-5s}",
            description = {"Longest a scrape may take; below it, Prometheus' X-Prometheus-Scrape-Timeout-Seconds minus a "
                    + "margin. At the deadline the scrape answers with what is collected.",
                    "Env: QUANTUM_SAFETY_WEB_MAX_SCRAPE_TIMEOUT. Default: ${DEFAULT-VALUE}. Example: --web.max-scrape-timeout=2s"})
    Duration maxScrapeTimeout;

    @Option(names = "--window", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:QUANTUM_SAFETY_WINDOW_SEC:-${env:SAFETY_WINDOW_SEC:-10}}",
            description = {"The kernel's rate window (whole seconds); must match the kernel's, or the current window's "
                    + "counters are not found.",
                    "Env: QUANTUM_SAFETY_WINDOW_SEC; legacy SAFETY_WINDOW_SEC. Default: 10 (seconds). Example: --window=10s"})
    Duration window;

    @Option(names = "--faults.top-symbols", paramLabel = "N",
            defaultValue = "${env:QUANTUM_SAFETY_FAULTS_TOP_SYMBOLS:-10}",
            description = {"How many symbols quantum_safety_faults_last_1h_by_symbol exports (the ones with the most "
                    + "faults); 0 turns it off.",
                    "Env: QUANTUM_SAFETY_FAULTS_TOP_SYMBOLS. Default: ${DEFAULT-VALUE}. Example: --faults.top-symbols=20"})
    int faultsTopSymbols;

    @Option(names = "--collector.top5-info", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            defaultValue = "${env:QUANTUM_SAFETY_COLLECTOR_TOP5_INFO:-true}",
            description = {"Export the legacy quantum_safety_rate_symbol_top5_info, whose labels carry the counts (a "
                    + "new series for every count). quantum_safety_rate_symbol_top has the same data with bounded series.",
                    "Env: QUANTUM_SAFETY_COLLECTOR_TOP5_INFO. Default: true. Example: --no-collector.top5-info"})
    boolean top5Info;

    /** picocli's automatic negation does not apply to names with dots, so the Prometheus-style off switch is explicit. */
    @Option(names = "--no-collector.top5-info", description = "Same as --collector.top5-info=false.")
    boolean noTop5Info;

    @Option(names = "--deployment", paramLabel = "NAME",
            defaultValue = "${env:QUANTUM_SAFETY_DEPLOYMENT:-}",
            description = {"Value of the deployment label of quantum_safety_exporter_build_info.",
                    "Env: QUANTUM_SAFETY_DEPLOYMENT. Default: empty. Example: --deployment=prod-eu"})
    String deployment;

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
                    + "use the kernel's SAFETY_WINDOW_SEC, e.g. --window=10s");
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
        return ExporterConfig.builder(redis.connector("quantum-safety-exporter"))
                .schema(redis.schema())
                .windowSeconds((int) window.toSeconds())
                .kernelLimits(statusLimit("QUANTUM_SAFETY_GLOBAL_MAX", "SAFETY_GLOBAL_MAX_INTENTS_PER_WINDOW", 20),
                        statusLimit("QUANTUM_SAFETY_SYMBOL_MAX", "SAFETY_SYMBOL_MAX_INTENTS_PER_WINDOW", 5))
                .faultsTopSymbols(faultsTopSymbols)
                .top5Info(top5Info && !noTop5Info)
                .listenAddresses(addresses)
                .webConfigFile(webConfigFile)
                .maxScrapeTimeout(maxScrapeTimeout)
                .build(new BuildIdentity(build.version(), build.git(), deployment == null ? "" : deployment.trim()))
                .build();
    }

    /** The legacy exporter's polling knobs mean nothing for an exporter that reads on scrape; say so once. */
    private static void explainIgnoredLegacySettings() {
        if (System.getenv("SAMPLE_INTERVAL_SEC") != null) {
            LOG.info("SAMPLE_INTERVAL_SEC is ignored: this exporter reads Redis on every scrape, so values are as "
                    + "fresh as the scrape and no background polling interval exists");
        }
        if (System.getenv("FAULT_LOOKBACK_MAX") != null) {
            LOG.info("FAULT_LOOKBACK_MAX is ignored: faults of the last hour are counted exactly by stream id range, "
                    + "in bounded pages, with no lookback cap");
        }
    }

    /** The kernels' limit from the same env names the kernel reads, so the status page shows counts against it. */
    private static int statusLimit(String name, String legacy, int fallback) {
        String value = System.getenv(name);
        String source = name;
        if (value == null || value.isBlank()) {
            value = System.getenv(legacy);
            source = legacy;
        }
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("env " + source + "='" + value + "' is not a positive whole number");
    }
}
