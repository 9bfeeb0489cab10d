package quantum.safety.exporter;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import quantum.safety.exporter.collect.StandardCollectors;
import quantum.safety.exporter.redis.Backoff;
import quantum.safety.exporter.redis.RedisSession;
import quantum.safety.exporter.scrape.CollectionRunner;
import quantum.safety.exporter.scrape.ExporterCollector;
import quantum.safety.exporter.scrape.ScrapeCoordinator;
import quantum.safety.exporter.scrape.ScrapeStats;
import quantum.safety.exporter.web.HandlersFactory;
import quantum.safety.web.http.WebServer;
import quantum.safety.kernel.redis.RedisEndpoint;
import quantum.safety.state.LegacySymbolIndex;
import quantum.safety.web.ListenAddress;
import quantum.safety.web.WebConfig;
import quantum.safety.web.WebConfigParser;

/**
 * A running exporter: the Redis session, the collectors behind a single-flight coordinator, the registry and the web
 * server. {@link #start} is all the command line and the demo call; {@link #close} stops it (HTTP first, then Redis).
 */
public final class ExporterServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExporterServer.class);

    private final RedisSession session;
    private final LegacySymbolIndex legacyIndex;
    private final ScrapeCoordinator coordinator;
    private final WebServer web;
    private final PrometheusRegistry registry;

    private ExporterServer(RedisSession session, LegacySymbolIndex legacyIndex, ScrapeCoordinator coordinator,
                           WebServer web, PrometheusRegistry registry) {
        this.session = session;
        this.legacyIndex = legacyIndex;
        this.coordinator = coordinator;
        this.web = web;
        this.registry = registry;
    }

    /**
     * Starts serving. Bad input (web config, listen address) is an {@link IllegalArgumentException} with one line that
     * names it; Redis being down is not an error (scrapes report {@code redis_up 0} until it answers).
     */
    public static ExporterServer start(ExporterConfig config) throws IOException {
        WebConfig webConfig = config.webConfigFile().map(WebConfigParser::parse).orElse(WebConfig.none());
        List<ListenAddress> addresses = config.listenAddresses().stream().map(ListenAddress::parse).toList();

        Clock clock = config.clock().orElse(Clock.systemUTC());
        RedisSession session = new RedisSession(config.redis()::open,
                new Backoff(config.backoffInitial(), config.backoffMax()), clock, config.clock().isEmpty(),
                config.redis().endpoint().topology() == RedisEndpoint.Topology.CLUSTER);
        ScrapeStats stats = new ScrapeStats();
        String redisAddress = config.redis().endpoint().toString();
        // Its background walks open a client of their own, and only once a window written by the old kernel is read.
        LegacySymbolIndex legacyIndex = LegacySymbolIndex.create(config.redis()::open, config.schema());
        CollectionRunner runner = new CollectionRunner(session, config.schema(), config.statusLimits(), redisAddress,
                StandardCollectors.create(config.faultsTopSymbols(), config.top5Info()), stats, legacyIndex);
        ScrapeCoordinator coordinator = new ScrapeCoordinator(runner, stats);

        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new ExporterCollector(coordinator, stats, session, config.build(), config.maxScrapeTimeout()));
        if (config.runtimeMetrics()) {
            RuntimeMetrics.register(registry, config.jvmMetrics());
        }
        try {
            WebServer web = WebServer.start(addresses, webConfig, config.webConfigFile().orElse(null),
                    HandlersFactory.routes(registry, coordinator, session, config.statusLimits(), config.build(),
                            redisAddress, HandlersFactory.PAGE_BUDGET, config.archiveUrl()),
                    config.maxHttpThreads());
            ExporterServer server = new ExporterServer(session, legacyIndex, coordinator, web, registry);
            LOG.info("exporter listening on {} ({}), reading Redis at {} with key prefix {}",
                    server.addresses().stream().map(ListenAddress::describe).toList(),
                    webConfig.tls().isPresent() ? "https" : "http",
                    config.redis().endpoint(), config.schema().prefix());
            return server;
        } catch (IOException | RuntimeException e) {
            coordinator.close();
            legacyIndex.close();
            session.close();
            throw e;
        }
    }

    /** The bound addresses (actual ports when port 0 was asked for). */
    public List<InetSocketAddress> addresses() {
        return web.addresses();
    }

    /** The port of the first listen address. */
    public int port() {
        return addresses().get(0).getPort();
    }

    /** The registry behind {@code /metrics}, for in-process scrapes. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** Time before the next Redis connection attempt after a failure; zero when a scrape would try now. */
    public java.time.Duration redisBackoffRemaining() {
        return session.backoffRemaining();
    }

    @Override
    public void close() {
        web.close();
        coordinator.close();
        legacyIndex.close();
        session.close();
        LOG.info("exporter stopped");
    }
}
