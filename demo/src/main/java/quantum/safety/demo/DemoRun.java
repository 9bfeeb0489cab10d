package quantum.safety.demo;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import quantum.safety.exporter.BuildIdentity;
import quantum.safety.exporter.ExporterConfig;
import quantum.safety.exporter.ExporterServer;
import quantum.safety.service.DecisionService;
import quantum.safety.service.ServiceConfig;
import quantum.safety.kernel.KernelConfig;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.SafetyKernel;
import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.state.SafetyStatus;
import quantum.safety.state.SafetyStatusReader;
import quantum.safety.state.StatusLimits;
import quantum.safety.web.ListenAddress;
import redis.clients.jedis.UnifiedJedis;

/**
 * One running demo: Redis, the kernel's client, the exporter, the order flow and the live line. Everything started
 * is registered for {@link #close()}, which stops it in reverse order exactly once, whether called at the end of
 * {@code --duration}, by the shutdown hook (Ctrl-C, SIGTERM) or after a failed start.
 */
final class DemoRun implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoRun.class);
    private static final int SERVICE_THREADS = 2;

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private DemoRedis redis;
    private ExporterServer exporter;
    private DecisionService service;
    private StatusLine statusLine;
    private Optional<DemoArchive> archive = Optional.empty();
    private String archiveOff = "";

    private DemoRun() {
    }

    /**
     * Starts everything; on failure stops what was started and rethrows. A listen address that cannot be bound is a
     * {@link DemoInputException} that names a free alternative.
     */
    static DemoRun start(DemoSettings settings, DemoRedisChoice redisChoice, DemoArchiveChoice archiveChoice,
                         String listenAddress, StatusLine line) throws IOException {
        DemoRun run = new DemoRun();
        try {
            run.startAll(settings, redisChoice, archiveChoice, listenAddress, line);
            return run;
        } catch (IOException | RuntimeException e) {
            run.close();
            throw e;
        }
    }

    private void startAll(DemoSettings settings, DemoRedisChoice redisChoice, DemoArchiveChoice archiveChoice,
                          String listenAddress, StatusLine line) throws IOException {
        ListenAddress listen = parseListenAddress(listenAddress);
        redis = redisChoice.open();
        resources.push(redis);
        RedisSchema schema = RedisSchema.legacy();
        RedisConnector connector = RedisConnector.to(redis.endpoint(), redis.credentials());
        UnifiedJedis client = connector.maxConnections(settings.threads() + SERVICE_THREADS + 4)
                .clientName("quantum-safety-demo")
                .forDecisions(KernelConfig.DEFAULT_DECISION_TIMEOUT).open();
        resources.push(client);
        DemoState.prepare(client, schema, redis.isLocal());
        startArchive(archiveChoice, schema);

        SafetyKernel kernel = SafetyKernel.create(KernelConfig.builder()
                .windowSeconds(settings.windowSeconds())
                .globalMax(settings.globalMax())
                .symbolMax(settings.symbolMax())
                .cooldownSeconds(settings.cooldownSeconds())
                .kernelId("demo")
                .build(), client, schema);
        // Closed before the client: the kernel's published settings leave Redis with the demo.
        resources.push(kernel);

        exporter = startExporter(RedisConnector.to(redis.endpoint(), redis.credentials()), schema, settings, listen,
                listenAddress, archive.map(DemoArchive::baseUrl).orElse(null));
        resources.push(exporter);

        // The decision service on the same kernel, on a free loopback port: what 'kernel serve' runs for callers in
        // other languages, here to try with curl.
        service = DecisionService.start(ServiceConfig.builder().listenAddress("127.0.0.1:0").threads(SERVICE_THREADS)
                .shutdownGrace(Duration.ofSeconds(2)).build(), kernel);
        resources.push(service);

        resources.push(OrderFlow.start(kernel, new IntentPublisher(client, schema), SymbolMix.standard(), settings));

        statusLine = line;
        SafetyStatusReader reader = new SafetyStatusReader(client, schema, StatusLimits.builder()
                .windowSeconds(settings.windowSeconds()).globalMax(settings.globalMax()).symbolMax(settings.symbolMax())
                .lastFaults(1).topSymbols(DemoStatus.TOP).build(), redis.endpoint().toString());
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "quantum-safety-demo-status");
            t.setDaemon(true);
            return t;
        });
        resources.push(() -> {
            ticker.shutdownNow();
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        });
        long every = settings.statusEvery().toMillis();
        ticker.scheduleAtFixedRate(() -> {
            try {
                SafetyStatus status = reader.read();
                if (status.reachable()) {
                    line.show(DemoStatus.of(status), archive.map(a -> "  | archived " + a.archived()).orElse(""));
                } else {
                    LOG.warn("demo status could not be read: {}", status.redis().error().orElse("no answer"));
                }
            } catch (RuntimeException e) {
                LOG.warn("demo status could not be read: {}", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * The archive, before the flow starts so that it sees every event; a PostgreSQL that cannot be started leaves the
     * demo without an archive, and the reason for the guide.
     */
    private void startArchive(DemoArchiveChoice choice, RedisSchema schema) {
        if (!choice.enabled()) {
            archiveOff = "off (--archive.server=off)";
            return;
        }
        try {
            DemoArchive started = DemoArchive.start(choice, redis, schema);
            resources.push(started);
            archive = Optional.of(started);
        } catch (DemoArchive.Unusable e) {
            LOG.debug("demo: no archive", e);
            archiveOff = "off: the database of --archive.url cannot be used (" + oneLine(e.getMessage()) + "); the "
                    + "demo goes on without the audit archive";
        } catch (IOException e) {
            LOG.debug("demo: no archive", e);
            archiveOff = "off: PostgreSQL could not be started (" + oneLine(e.getMessage()) + "); the demo goes on "
                    + "without the audit archive";
        }
    }

    private static String oneLine(String text) {
        String line = String.valueOf(text).replaceAll("\\s+", " ").trim();
        return line.length() > 240 ? line.substring(0, 239) + "…" : line;
    }

    private static ListenAddress parseListenAddress(String text) {
        try {
            return ListenAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new DemoInputException("--web.listen-address=" + text + ": " + e.getMessage() + "; use e.g. :9105");
        }
    }

    private static ExporterServer startExporter(RedisConnector connector, RedisSchema schema, DemoSettings settings,
                                                ListenAddress listen, String listenText, String archiveUrl)
            throws IOException {
        ExporterConfig config = ExporterConfig.builder(connector)
                .archiveUrl(archiveUrl)
                .schema(schema)
                .windowSeconds(settings.windowSeconds())
                .listenAddresses(List.of(listenText))
                .build(BuildIdentity.fromClasspath("demo"))
                .build();
        try {
            return ExporterServer.start(config);
        } catch (IllegalArgumentException e) {
            String next = listen.host().map(h -> h.contains(":") ? "[" + h + "]" : h).orElse("") + ":"
                    + (listen.port() == 65535 ? 9106 : listen.port() + 1);
            throw new DemoInputException("cannot listen on " + listenText + " (is another demo or exporter running?); "
                    + "run with --web.listen-address=" + next);
        }
    }

    DemoRedis redis() {
        return redis;
    }

    ExporterServer exporter() {
        return exporter;
    }

    DecisionService service() {
        return service;
    }

    /** The running archive; empty when it is off, and then {@link #archiveOff()} says why. */
    Optional<DemoArchive> archive() {
        return archive;
    }

    String archiveOff() {
        return archiveOff;
    }

    /** Stops everything once; later calls return at once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("demo: stopping {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
        if (statusLine != null) {
            statusLine.finish();
        }
    }
}
