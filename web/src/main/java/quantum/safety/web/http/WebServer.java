package quantum.safety.web.http;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import quantum.safety.web.BcryptUsers;
import quantum.safety.web.ListenAddress;
import quantum.safety.web.TlsServerContext;
import quantum.safety.web.WebConfig;

/**
 * The HTTP surface of the exporter and the archive on the JDK's {@link HttpServer}, one server per listen address sharing one bounded
 * executor: {@code /} (landing page), {@code /metrics} (client_java's handler, which negotiates text, OpenMetrics,
 * protobuf and gzip), {@code /-/healthy} and {@code /-/ready}. TLS, basic auth and headers come from the web config
 * and apply to every path. Slow and oversized requests are cut by {@link HttpLimits} and {@link RequestBodyGuard}.
 */
public final class WebServer implements AutoCloseable {

    static {
        // The JDK server writes headers and body as separate segments; with Nagle's algorithm on, the body waits for
        // the client's delayed ACK (40 ms on Linux) on every keep-alive scrape. Read once, when the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** What the server serves: {@code landingPage} on {@code /}, {@code ready} on {@code /-/ready}. */
    public record Routes(PrometheusRegistry registry, HttpHandler landingPage, HttpHandler ready) {
    }

    private final List<HttpServer> servers;
    private final ExecutorService executor;

    private WebServer(List<HttpServer> servers, ExecutorService executor) {
        this.servers = List.copyOf(servers);
        this.executor = executor;
    }

    /**
     * Binds every address; a bad config or an address that cannot be bound is an {@link IllegalArgumentException}
     * naming it (nothing stays bound then).
     *
     * @param configFile the web config's path, for error messages; null without one
     */
    public static WebServer start(List<ListenAddress> addresses, WebConfig config, java.nio.file.Path configFile,
                                  Routes routes, int maxThreads) throws IOException {
        HttpsConfigurator https = config.tls().map(tls -> httpsConfigurator(TlsServerContext.of(tls, configFile)))
                .orElse(null);
        Authenticator auth = config.basicAuthUsers().isEmpty() ? null : basicAuth(new BcryptUsers(config.basicAuthUsers()));
        HttpLimits.apply();
        // The JDK reads request headers on these threads too: the allowance keeps slow clients, cut after
        // maxReqTime, from taking the threads scrapes need.
        ExecutorService executor = BoundedExecutor.create(maxThreads + HttpLimits.SLOW_REQUEST_THREADS);
        List<HttpServer> servers = new ArrayList<>();
        try {
            for (ListenAddress address : addresses) {
                HttpServer server = bind(address, https);
                server.setExecutor(executor);
                Filter headers = headerFilter(config.headers());
                route(server, "/", routes.landingPage(), auth, headers);
                route(server, "/metrics", new MetricsHandler(PrometheusProperties.get(), routes.registry()), auth, headers);
                route(server, "/-/healthy", PlainText.handler(200, "Healthy.\n"), auth, headers);
                route(server, "/-/ready", routes.ready(), auth, headers);
                servers.add(server);
            }
        } catch (IOException | RuntimeException e) {
            servers.forEach(s -> s.stop(0));
            executor.shutdownNow();
            throw e;
        }
        servers.forEach(HttpServer::start);
        return new WebServer(servers, executor);
    }

    private static HttpsConfigurator httpsConfigurator(TlsServerContext tls) {
        return new HttpsConfigurator(tls.context()) {
            @Override
            public void configure(HttpsParameters params) {
                params.setSSLParameters(tls.parameters());
            }
        };
    }

    private static Authenticator basicAuth(BcryptUsers users) {
        return new BasicAuthenticator("quantum-safety", StandardCharsets.UTF_8) {
            @Override
            public boolean checkCredentials(String user, String password) {
                return users.check(user, password);
            }
        };
    }

    private static HttpServer bind(ListenAddress address, HttpsConfigurator https) throws IOException {
        InetSocketAddress socket = address.socketAddress();
        try {
            if (https == null) {
                return HttpServer.create(socket, 64);
            }
            HttpsServer server = HttpsServer.create(socket, 64);
            server.setHttpsConfigurator(https);
            return server;
        } catch (BindException e) {
            throw address.cannotListen(e);
        }
    }

    private static void route(HttpServer server, String path, HttpHandler handler, Authenticator auth, Filter headers) {
        HttpContext context = server.createContext(path, handler);
        context.getFilters().add(headers);
        context.getFilters().add(new RequestBodyGuard());
        if (auth != null) {
            context.setAuthenticator(auth);
        }
    }

    private static Filter headerFilter(Map<String, String> headers) {
        return new Filter() {
            @Override
            public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
                headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
                chain.doFilter(exchange);
            }

            @Override
            public String description() {
                return "web config headers";
            }
        };
    }

    /** The bound addresses, with the actual ports when port 0 was asked for. */
    public List<InetSocketAddress> addresses() {
        return servers.stream().map(HttpServer::getAddress).toList();
    }

    @Override
    public void close() {
        // Give in-flight scrapes a moment to finish; they end at their deadline anyway.
        servers.forEach(s -> s.stop(1));
        executor.shutdownNow();
    }
}
