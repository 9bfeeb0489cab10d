package quantum.safety.service.http;

import java.util.Map;

import io.netty.buffer.Unpooled;
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
        if (close) {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response, ctx.voidPromise());
        }
    }

    /** The path of a request target, without its query string. */
    static String path(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
