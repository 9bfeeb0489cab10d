package quantum.safety.service;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import quantum.safety.kernel.SafetyKernel;
import quantum.safety.service.api.IntentReader;
import quantum.safety.service.http.Authentication;
import quantum.safety.service.http.Endpoints;
import quantum.safety.service.http.HttpFrontEnd;
import quantum.safety.service.http.Readiness;
import quantum.safety.service.http.Workers;
import quantum.safety.service.metrics.MetricsEndpoint;
import quantum.safety.service.metrics.RuntimeMetrics;
import quantum.safety.service.metrics.ServiceMetrics;
import quantum.safety.web.ListenAddress;
import quantum.safety.web.TlsServerContext;
import quantum.safety.web.WebConfig;
import quantum.safety.web.WebConfigParser;

/**
 * A running decision service: a {@link SafetyKernel} behind HTTP/1.1 and JSON, so that services in any language take
 * the same decisions, with the same fail-safe behaviour, as a Java service embedding the kernel. The kernel (and its
 * Redis client) belong to the caller, who closes them after {@link #close()}.
 */
public final class DecisionService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionService.class);

    private final HttpFrontEnd http;
    private final ServiceConfig config;
    private final PrometheusRegistry registry;

    private DecisionService(HttpFrontEnd http, ServiceConfig config, PrometheusRegistry registry) {
        this.http = http;
        this.config = config;
        this.registry = registry;
    }

    /**
     * Starts serving. Bad input (web config, listen address, a port in use) is an {@link IllegalArgumentException}
     * with one line naming it; Redis being down is not an error (decisions follow the kernel's fail policy and
     * {@code /-/ready} says 503 until Redis answers).
     */
    public static DecisionService start(ServiceConfig config, SafetyKernel kernel) throws IOException {
        WebConfig web = config.webConfigFile().map(WebConfigParser::parse).orElse(WebConfig.none());
        List<ListenAddress> addresses = config.listenAddresses().stream().map(ListenAddress::parse).toList();
        Optional<TlsServerContext> tls = web.tls()
                .map(t -> TlsServerContext.of(t, config.webConfigFile().orElseThrow()));

        IntentReader intents = new IntentReader(config.maxBatch());
        Warmup.run(kernel, intents);
        PrometheusRegistry registry = new PrometheusRegistry();
        AtomicInteger inFlight = new AtomicInteger();
        Readiness readiness = new Readiness(kernel::notReadyBecause).start();
        ServiceMetrics metrics = new ServiceMetrics(registry, inFlight::get, config.queueSize(), readiness::ready,
                kernel::failures, config.version(), config.revision());
        if (config.runtimeMetrics()) {
            RuntimeMetrics.register(registry);
        }
        Endpoints endpoints = new Endpoints(kernel, intents, new Authentication(web),
                readiness, new MetricsEndpoint(registry), metrics);
        Workers workers = new Workers(config.threads(), config.queueSize());
        HttpFrontEnd http;
        try {
            http = HttpFrontEnd.start(addresses, tls, web.headers(), config.maxBodyBytes(), workers, endpoints,
                    readiness, metrics, kernel.config().decisionTimeout(), inFlight);
        } catch (RuntimeException e) {
            readiness.close();
            throw e;
        }
        DecisionService service = new DecisionService(http, config, registry);
        LOG.info("decision service listening on {} ({}), {} decision threads, queue {}; readiness: {}",
                service.addresses().stream().map(ListenAddress::describe).toList(), tls.isPresent() ? "https" : "http",
                config.threads(), config.queueSize(), readiness.notReadyBecause().orElse("ready"));
        return service;
    }

    /**
     * Checks what can be checked before a kernel exists: the web config (and its TLS files) and that every listen
     * address can be bound now. An {@link IllegalArgumentException} names the problem, so that a command line can
     * refuse bad input before it starts a kernel that publishes itself in Redis.
     */
    public static void preflight(ServiceConfig config) {
        config.webConfigFile().map(WebConfigParser::parse).flatMap(WebConfig::tls)
                .ifPresent(t -> TlsServerContext.of(t, config.webConfigFile().orElseThrow()));
        for (String text : config.listenAddresses()) {
            ListenAddress address = ListenAddress.parse(text);
            try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(address.socketAddress());
            } catch (IOException e) {
                throw address.cannotListen(e);
            }
        }
    }

    public List<InetSocketAddress> addresses() {
        return http.addresses();
    }

    public int port() {
        return addresses().get(0).getPort();
    }

    /** The registry behind {@code /metrics}. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** Graceful stop within the configured grace; see {@link HttpFrontEnd#stop}. */
    @Override
    public void close() {
        try {
            boolean drained = http.stop(config.shutdownGrace());
            if (drained) {
                LOG.info("decision service stopped; every request taken was answered");
            } else {
                LOG.warn("decision service stopped after {} with requests still running; their callers got no "
                        + "answer and block by their own timeout", config.shutdownGrace());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            http.close();
        }
    }
}
