package quantum.safety.archive;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import quantum.safety.web.ListenAddress;
import quantum.safety.web.WebConfig;
import quantum.safety.web.WebConfigParser;
import quantum.safety.web.http.PlainText;
import quantum.safety.web.http.WebServer;
import quantum.safety.web.runtime.ProcessCollector;
import redis.clients.jedis.UnifiedJedis;

/**
 * A running archive: the {@link Archiver} on its own thread and the HTTP endpoint ({@code /metrics},
 * {@code /-/healthy}, {@code /-/ready}, and the audit trail page {@code /audit}, see {@link ArchivePages}) on the
 * shared web server. {@link #close()} lets the current batch finish.
 */
public final class ArchiveServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveServer.class);
    private static final int HTTP_THREADS = 4;

    private final UnifiedJedis redis;
    private final Archiver archiver;
    private final Thread thread;
    private final WebServer web;
    private final ArchiveMetrics metrics;

    private ArchiveServer(UnifiedJedis redis, Archiver archiver, Thread thread, WebServer web, ArchiveMetrics metrics) {
        this.redis = redis;
        this.archiver = archiver;
        this.thread = thread;
        this.web = web;
        this.metrics = metrics;
    }

    /**
     * Starts serving and archiving. Bad input (web config, listen address) is an {@link IllegalArgumentException}
     * naming it; Redis or PostgreSQL being down is not an error (the archiver retries, readiness says 503).
     */
    public static ArchiveServer start(ArchiveConfig config) throws IOException {
        WebConfig webConfig = config.webConfigFile().map(WebConfigParser::parse).orElse(WebConfig.none());
        List<ListenAddress> addresses = config.listenAddresses().stream().map(ListenAddress::parse).toList();
        ArchiveMetrics metrics = new ArchiveMetrics(config.version());
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(metrics);
        registry.register(new ProcessCollector(true));
        UnifiedJedis redis = config.redis().open();
        Archiver archiver = new Archiver(redis, config.schema(), config.target(), metrics, config.batchSize(),
                config.block());
        WebServer web;
        try {
            web = WebServer.start(addresses, webConfig, config.webConfigFile().orElse(null),
                    new WebServer.Routes(registry, new ArchivePages(config.target()),
                            exchange -> PlainText.respond(exchange, archiver.ready() ? 200 : 503,
                            archiver.ready() ? "Ready.\n" : "Not ready: Redis or PostgreSQL does not answer, or the "
                                    + "schema is not migrated yet.\n")), HTTP_THREADS);
        } catch (IOException | RuntimeException e) {
            redis.close();
            throw e;
        }
        Thread thread = new Thread(archiver, "quantum-safety-archiver");
        thread.start();
        LOG.info("archiving {} and {} into {}; serving on {}", ArchiveStream.FAULT.key(config.schema()),
                ArchiveStream.AUDIT.key(config.schema()), config.target().describe(), web.addresses());
        return new ArchiveServer(redis, archiver, thread, web, metrics);
    }

    public List<InetSocketAddress> addresses() {
        return web.addresses();
    }

    public ArchiveMetrics metrics() {
        return metrics;
    }

    public boolean ready() {
        return archiver.ready();
    }

    /** Stops archiving once the current batch is committed and acknowledged, then stops serving. */
    @Override
    public void close() {
        archiver.stop();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(90));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        web.close();
        redis.close();
    }
}
