package quantum.safety.cli.kernel;

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
import quantum.safety.kernel.KernelConfig;
import quantum.safety.kernel.SafetyKernel;
import quantum.safety.service.DecisionService;
import quantum.safety.service.ServiceConfig;
import quantum.safety.service.ServiceSetting;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@code quantum-safety kernel serve}: the kernel as a decision service until SIGTERM, which stops it gracefully.
 * Flags come from {@link ServiceSetting} and, for the kernel, the same {@link KernelOptions} as {@code kernel decide}.
 */
@SettingsFrom(ServiceSetting.class)
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Serves the safety kernel over HTTP/1.1 and JSON, so that services in any language (the Python "
                + "router through clients/python/safety_kernel.py) take the same atomic, audited decisions.",
                "POST /v1/decide {\"symbol\":\"BTCUSDT\",\"side\":\"BUY\"} answers {\"allowed\":…,\"reason\":\"…\","
                        + "\"meta\":{…}}, the JSON of 'kernel decide'; POST /v1/decide/batch {\"intents\":[…]} "
                        + "answers {\"decisions\":[…]}. Audited operations: POST /v1/safe-mode and /v1/kill-switch "
                        + "(need basic auth or a client certificate). Also /metrics, /-/healthy, /-/ready.",
                "Bad input is 400 with a one-line error, nothing decided; overload and shutdown are 503, nothing "
                        + "decided. Redis unavailable: the kernel's fail policy (closed by default), answered within "
                        + "the decision timeout.",
                "Every flag has an env twin; flags win over env, new env names over legacy ones."},
        footer = {"", "Examples:",
                "  quantum-safety kernel serve",
                "  quantum-safety kernel serve --redis.addr=redis://10.0.0.5:6379 --global-max=50 --symbol-max=10",
                "  quantum-safety kernel serve --web.listen-address=10.0.0.7:9106 \\",
                "      --web.config.file=/etc/quantum/kernel-web.yml --redis.password-file=/etc/quantum/redis-password",
                "  curl -s -XPOST localhost:9106/v1/decide -d '{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\"}'"})
public final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--web.listen-address", paramLabel = "[HOST]:PORT", split = ",")
    List<String> listenAddresses;

    @Option(names = "--web.config.file", paramLabel = "FILE")
    Path webConfigFile;

    @Option(names = "--service.threads", paramLabel = "N")
    int threads;

    @Option(names = "--service.queue-size", paramLabel = "N")
    int queueSize;

    @Option(names = "--service.max-batch", paramLabel = "N")
    int maxBatch;

    @Option(names = "--service.max-body", paramLabel = "BYTES")
    int maxBody;

    @Option(names = "--service.shutdown-grace", paramLabel = "DURATION", converter = DurationConverter.class)
    Duration shutdownGrace;

    @Mixin
    KernelOptions kernel;

    @Mixin
    RedisOptions redis;

    @Mixin
    LoggingOptions logging;

    @Override
    public Integer call() throws Exception {
        logging.apply();
        ServiceConfig config = config();
        KernelConfig kernelConfig = kernel.toConfig();
        try {
            DecisionService.preflight(config);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        // One connection per decision thread, one for probes and operations, one for the settings publisher.
        UnifiedJedis client = redis.connector("quantum-safety-kernel-serve").maxConnections(config.threads() + 2)
                .forDecisions(kernelConfig.decisionTimeout()).open();
        SafetyKernel safetyKernel = SafetyKernel.create(kernelConfig, client, redis.scriptSchema());
        DecisionService service;
        try {
            service = DecisionService.start(config, safetyKernel);
        } catch (IllegalArgumentException e) {
            safetyKernel.close();
            client.close();
            throw new UsageException(e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping the decision service");
            service.close();
            safetyKernel.close();
            client.close();
            stopped.countDown();
        }, "quantum-safety-serve-shutdown"));
        stopped.await();
        return 0;
    }

    ServiceConfig config() {
        List<String> addresses = listenAddresses.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (addresses.isEmpty()) {
            throw new UsageException("--web.listen-address is empty; use e.g. 127.0.0.1:9106");
        }
        BuildInfo build = BuildInfo.load();
        try {
            return ServiceConfig.builder()
                    .listenAddresses(addresses)
                    .webConfigFile(webConfigFile)
                    .threads(threads)
                    .queueSize(queueSize)
                    .maxBatch(maxBatch)
                    .maxBodyBytes(maxBody)
                    .shutdownGrace(shutdownGrace)
                    .build(build.version(), build.git())
                    .build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + " (see --help for --service.* and --web.*)", e);
        }
    }
}
