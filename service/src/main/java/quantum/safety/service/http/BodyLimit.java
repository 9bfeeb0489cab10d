package quantum.safety.service.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Collects a request's body up to the limit. A larger body is answered 400 with the limit named (the caller sent bad
 * input, nothing was decided) and the connection closed, since the rest of the body is still on its way.
 */
final class BodyLimit extends HttpObjectAggregator {

    private final int maxBytes;
    private final ResponseWriter writer;

    BodyLimit(int maxBytes, ResponseWriter writer) {
        super(maxBytes);
        this.maxBytes = maxBytes;
        this.writer = writer;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        Route route = oversized instanceof HttpRequest request ? Route.of(ResponseWriter.path(request.uri()))
                : Route.UNKNOWN;
        writer.write(ctx, route.handler(), Answer.error(400, "the request body is larger than the limit of " + maxBytes
                + " bytes (--service.max-body); send fewer intents per batch").closing(), false);
    }
}
