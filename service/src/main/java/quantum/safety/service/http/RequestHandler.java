package quantum.safety.service.http;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import quantum.safety.kernel.FailureWords;
import quantum.safety.kernel.log.RateLimitedLog;
import quantum.safety.service.metrics.ServiceMetrics;
import quantum.safety.service.metrics.ServiceMetrics.Rejection;

/**
 * Takes a complete request off the I/O thread: checks it is well formed and that the service is not stopping, then
 * hands it to a worker; a full queue is answered 503 at once. A decision request that waited longer than the decision
 * timeout for its thread is answered 503 without deciding: its caller has given up and would act on nothing.
 */
@ChannelHandler.Sharable
final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);
    private static final RateLimitedLog FAILURES = new RateLimitedLog(LOG, RateLimitedLog.DEFAULT_INTERVAL);
    private static final AttributeKey<Optional<String>> CLIENT_NAME = AttributeKey.valueOf("quantum-safety-client-name");

    private final Endpoints endpoints;
    private final Workers workers;
    private final Readiness readiness;
    private final ResponseWriter writer;
    private final ServiceMetrics metrics;
    private final long decisionTimeoutNanos;
    private final AtomicInteger inFlight;

    RequestHandler(Endpoints endpoints, Workers workers, Readiness readiness, ResponseWriter writer,
                   ServiceMetrics metrics, long decisionTimeoutNanos, AtomicInteger inFlight) {
        this.endpoints = endpoints;
        this.workers = workers;
        this.readiness = readiness;
        this.writer = writer;
        this.metrics = metrics;
        this.decisionTimeoutNanos = decisionTimeoutNanos;
        this.inFlight = inFlight;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        long received = System.nanoTime();
        String path = ResponseWriter.path(request.uri());
        Route route = Route.of(path);
        if (request.decoderResult().isFailure()) {
            writer.write(ctx, route.handler(), Answer.error(400, "malformed HTTP request: "
                    + FailureWords.of(request.decoderResult().cause())).closing(), false);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        boolean head = request.method().name().equals("HEAD");
        boolean http10 = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
        if (readiness.isStopping()) {
            metrics.rejected(Rejection.SHUTTING_DOWN);
            writer.write(ctx, route.handler(), Answer.unavailable("the service is shutting down; nothing was decided")
                    .closing(), keepAlive);
            return;
        }
        Call call = new Call(request.method().name(), path, ByteBufUtil.getBytes(request.content()),
                Optional.ofNullable(request.headers().get(HttpHeaderNames.AUTHORIZATION)),
                request.headers().get(HttpHeaderNames.ACCEPT, ""), clientName(ctx), received);
        if (route.decides()) {
            inFlight.incrementAndGet();
        }
        try {
            (route.decides() ? workers.decisions() : workers.admin())
                    .execute(() -> answer(ctx, route, call, keepAlive, head, http10));
        } catch (RejectedExecutionException e) {
            if (route.decides()) {
                inFlight.decrementAndGet();
            }
            Rejection cause = readiness.isStopping() ? Rejection.SHUTTING_DOWN : Rejection.QUEUE_FULL;
            metrics.rejected(cause);
            writer.write(ctx, route.handler(), Answer.unavailable(cause == Rejection.QUEUE_FULL
                    ? "overloaded: every decision thread is busy and the queue is full; nothing was decided"
                    : "the service is shutting down; nothing was decided"), keepAlive);
        }
    }

    private void answer(ChannelHandlerContext ctx, Route route, Call call, boolean keepAlive, boolean head,
                        boolean http10) {
        Answer answer;
        try {
            if (route.decides() && System.nanoTime() - call.receivedNanos() > decisionTimeoutNanos) {
                metrics.rejected(Rejection.DEADLINE);
                answer = Answer.unavailable("waited longer than the decision timeout for a decision thread; "
                        + "nothing was decided");
            } else {
                answer = endpoints.handle(route, call);
            }
        } catch (RuntimeException e) {
            FAILURES.error("request", "unexpected failure answering " + route.path(), e);
            answer = Answer.error(500, "internal error: " + FailureWords.of(e));
        } finally {
            if (route.decides()) {
                inFlight.decrementAndGet();
            }
        }
        writer.write(ctx, route.handler(), answer, keepAlive, head, http10);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset connection or a failed TLS handshake ends that connection only.
        LOG.debug("connection {} closed: {}", ctx.channel().remoteAddress(), FailureWords.of(cause));
        ctx.close();
    }

    /** The common name of a verified client certificate, read once per connection (its handshake is done by then). */
    private static Optional<String> clientName(ChannelHandlerContext ctx) {
        Attribute<Optional<String>> known = ctx.channel().attr(CLIENT_NAME);
        Optional<String> name = known.get();
        if (name == null) {
            name = readClientName(ctx);
            known.set(name);
        }
        return name;
    }

    private static Optional<String> readClientName(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate cert)) {
                return Optional.empty();
            }
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Optional.of(rdn.getValue().toString());
                }
            }
            return Optional.empty();
        } catch (SSLPeerUnverifiedException | InvalidNameException e) {
            return Optional.empty();
        }
    }
}
