package quantum.safety.web.http;

import java.io.IOException;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;

/**
 * Refuses request bodies with 413 and closes the connection without reading them. Every path of these servers is a GET, so
 * a body is either a mistake or an attempt to make the server read (the JDK would drain up to 64 KB of it to reuse
 * the connection). Header size and count are limited by the JDK itself ({@link HttpLimits}).
 */
final class RequestBodyGuard extends Filter {

    static final int STATUS = 413;

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        boolean body = exchange.getRequestHeaders().containsKey("Transfer-Encoding")
                || length != null && !length.trim().equals("0");
        if (!body) {
            chain.doFilter(exchange);
            return;
        }
        // "Connection: close" makes the JDK close the socket instead of draining the unread body.
        exchange.getResponseHeaders().set("Connection", "close");
        exchange.sendResponseHeaders(STATUS, -1);
        exchange.close();
    }

    @Override
    public String description() {
        return "refuses request bodies (413)";
    }
}
