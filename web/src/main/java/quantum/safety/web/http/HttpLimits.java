package quantum.safety.web.http;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slow- and oversized-request limits of the JDK {@code HttpServer}. The JDK reads them from system properties once,
 * when its first server is created (class {@code sun.net.httpserver.ServerConfig}), so they are set before the
 * server binds; a value the operator gave with {@code -D} (e.g. in {@code JAVA_OPTS}) wins.
 *
 * <p>Why these values: the JDK reads a request's headers on an HTTP thread of the bounded executor, so a client that
 * trickles its headers holds a thread; without {@code maxReqTime} it holds it forever and a handful of such clients
 * starve every scrape. Prometheus sends its headers in one packet, so seconds are plenty.
 */
public final class HttpLimits {

    private static final Logger LOG = LoggerFactory.getLogger(HttpLimits.class);

    /** Seconds from a request's first byte (or a new connection) until its headers are complete; then closed. */
    public static final String MAX_REQUEST_TIME = "sun.net.httpserver.maxReqTime";
    /** Seconds from the first response byte until the response is written (a client that does not read). */
    public static final String MAX_RESPONSE_TIME = "sun.net.httpserver.maxRspTime";
    /** Seconds an idle keep-alive connection is kept. */
    public static final String IDLE_INTERVAL = "sun.net.httpserver.idleInterval";
    /** Idle keep-alive connections kept at most. */
    public static final String MAX_IDLE_CONNECTIONS = "sun.net.httpserver.maxIdleConnections";
    /** Header lines per request. */
    public static final String MAX_REQUEST_HEADERS = "sun.net.httpserver.maxReqHeaders";
    /** Bytes of request line plus headers; larger requests get 400 and are closed (JDK 17 updates that have it). */
    public static final String MAX_REQUEST_HEADER_SIZE = "sun.net.httpserver.maxReqHeaderSize";

    /**
     * HTTP threads added to the configured HTTP threads for requests whose headers are still arriving: up to this many
     * slow clients at once cost scrapes nothing; beyond it, each round of slow clients delays scrapes by up to
     * {@code maxReqTime} plus the JDK's 1 s timer tick.
     */
    public static final int SLOW_REQUEST_THREADS = 32;

    /** The servers' values, in the JDK's units. */
    public static final Map<String, String> DEFAULTS = Map.of(
            MAX_REQUEST_TIME, "5",
            MAX_RESPONSE_TIME, "30",
            IDLE_INTERVAL, "30",
            MAX_IDLE_CONNECTIONS, "50",
            MAX_REQUEST_HEADERS, "100",
            MAX_REQUEST_HEADER_SIZE, "16384");

    private HttpLimits() {
    }

    /** Sets every limit not already set; call before the first {@code HttpServer} of the JVM is created. */
    public static synchronized void apply() {
        DEFAULTS.forEach((name, value) -> {
            String given = System.getProperty(name);
            if (given == null) {
                System.setProperty(name, value);
            } else if (!given.equals(value)) {
                LOG.info("HTTP limit {}={} set by the operator (default {})", name, given, value);
            }
        });
    }

    /** The value in force for {@code name}: the operator's, else ours. */
    public static long value(String name) {
        return Long.parseLong(System.getProperty(name, DEFAULTS.get(name)));
    }
}
