package quantum.safety.service.http;

import java.util.Optional;

/**
 * One request as the endpoints see it, independent of the HTTP server: read completely on the I/O thread, handled on
 * a worker.
 *
 * @param method        upper-case HTTP method
 * @param path          the path without query string
 * @param body          the request body (bounded by the body limit)
 * @param authorization the {@code Authorization} header, if any
 * @param accept        the {@code Accept} header ("" when absent), for {@code /metrics} content negotiation
 * @param clientName    the common name of a verified client certificate, if the connection presented one
 * @param receivedNanos {@link System#nanoTime()} when the request was complete
 */
public record Call(String method, String path, byte[] body, Optional<String> authorization, String accept,
                   Optional<String> clientName, long receivedNanos) {
}
