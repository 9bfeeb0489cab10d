package quantum.safety.service.http;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import quantum.safety.service.metrics.ServiceMetrics;
import quantum.safety.web.ListenAddress;
import quantum.safety.web.TlsServerContext;

/**
 * The HTTP side of the service put together: Netty's server, the request handler, the worker pools. Stops in the
 * order that loses no answer: not ready and no new connections, then the requests already taken are answered
 * (within the grace), then connections close.
 */
public final class HttpFrontEnd implements AutoCloseable {

    private final NettyServer server;
    private final Workers workers;
    private final Readiness readiness;

    private HttpFrontEnd(NettyServer server, Workers workers, Readiness readiness) {
        this.server = server;
        this.workers = workers;
        this.readiness = readiness;
    }

    /** Binds every address; one that cannot be bound is an {@link IllegalArgumentException} naming it. */
    public static HttpFrontEnd start(List<ListenAddress> addresses, Optional<TlsServerContext> tls,
                                     Map<String, String> headers, int maxBodyBytes, Workers workers,
                                     Endpoints endpoints, Readiness readiness, ServiceMetrics metrics,
                                     Duration decisionTimeout, AtomicInteger inFlight) {
        ResponseWriter writer = new ResponseWriter(headers, metrics);
        RequestHandler handler = new RequestHandler(endpoints, workers, readiness, writer, metrics,
                decisionTimeout.toNanos(), inFlight);
        try {
            return new HttpFrontEnd(NettyServer.start(addresses, tls, maxBodyBytes, writer, handler), workers,
                    readiness);
        } catch (RuntimeException e) {
            workers.stopNow();
            throw e;
        }
    }

    public List<InetSocketAddress> addresses() {
        return server.addresses();
    }

    /**
     * Graceful stop: {@code /-/ready} says 503 and new requests get 503 at once, no new connection is accepted,
     * requests already taken are answered within {@code grace}; returns whether all were.
     */
    public boolean stop(Duration grace) throws InterruptedException {
        readiness.stopping();
        server.stopAccepting();
        boolean drained = workers.drain(grace);
        workers.stopNow();
        server.close(Duration.ofMillis(500));
        readiness.close();
        return drained;
    }

    @Override
    public void close() {
        try {
            stop(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.stopNow();
            server.close();
            readiness.close();
        }
    }
}
