package quantum.safety.service.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import quantum.safety.service.metrics.ServiceMetrics;

/**
 * Writes an {@link Answer} as an HTTP/1.1 response (from any thread: Netty hands the write to the connection's I/O
 * thread), with the web config's headers, keep-alive unless the answer or the caller closes, and counts it.
 */
final class ResponseWriter {

    private final Map<String, String> configHeaders;
    private final ServiceMetrics metrics;
    /** Answers handed to Netty and not yet on the wire: a stop waits for them before it closes the connections. */
    private final AtomicInteger unwritten = new AtomicInteger();

    ResponseWriter(Map<String, String> configHeaders, ServiceMetrics metrics) {
        this.configHeaders = Map.copyOf(configHeaders);
        this.metrics = metrics;
    }

    void write(ChannelHandlerContext ctx, ServiceMetrics.Handler handler, Answer answer, boolean keepAlive) {
        write(ctx, handler, answer, keepAlive, false, false);
    }

    /**
     * @param head   a HEAD request: the headers of the answer, no body
     * @param http10 an HTTP/1.0 request: keep-alive must be said explicitly
     */
    void write(ChannelHandlerContext ctx, ServiceMetrics.Handler handler, Answer answer, boolean keepAlive,
               boolean head, boolean http10) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(answer.body()));
        configHeaders.forEach((name, value) -> response.headers().set(name, value));
        answer.headers().forEach((name, value) -> response.headers().set(name, value));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
        boolean close = answer.close() || !keepAlive;
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (http10) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        metrics.answered(handler, answer.status());
        unwritten.incrementAndGet();
        ChannelFuture written = ctx.writeAndFlush(response);
        written.addListener(f -> unwritten.decrementAndGet());
        if (close) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * Waits until every answer handed to Netty is written (or failed), at most {@code limit}. Netty closes its
     * connections before it runs the tasks still queued when it shuts down, so an answer queued last would be lost.
     */
    boolean awaitWritten(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (unwritten.get() > 0) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(1_000_000);
        }
        return true;
    }

    /** The path of a request target, without its query string. */
    static String path(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
