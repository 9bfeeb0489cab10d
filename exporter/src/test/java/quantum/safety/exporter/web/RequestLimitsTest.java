package quantum.safety.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import quantum.safety.exporter.ExporterServer;
import quantum.safety.exporter.TestExporters;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;

/** The HTTP limits against raw sockets: bodies, big headers, headers that never end. */
@ExtendWith(RedisExtension.class)
class RequestLimitsTest {

    @Test
    void aBodyIsRefusedWith413AndAHugeHeaderIsRefused(TestRedis redis) {
        try (ExporterServer exporter = TestExporters.start(redis.host(), redis.port())) {
            assertThat(status(exporter.port(), "GET /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"))
                    .startsWith("HTTP/1.1 413");
            assertThat(status(exporter.port(), "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Big: "
                    + "a".repeat(100_000) + "\r\n\r\n")).matches("HTTP/1.1 400 .*|closed");
            assertThat(status(exporter.port(), "GET /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"))
                    .startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aRequestWhoseHeadersNeverEndIsClosedByTheServer(TestRedis redis) throws Exception {
        try (ExporterServer exporter = TestExporters.start(redis.host(), redis.port());
             Socket slow = new Socket("127.0.0.1", exporter.port())) {
            slow.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            slow.setSoTimeout(200);
            InputStream in = slow.getInputStream();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                try {
                    return in.read() == -1;
                } catch (SocketTimeoutException stillOpen) {
                    return false;
                } catch (SocketException reset) {
                    return true;
                }
            });
            assertThat(status(exporter.port(), "GET /-/healthy HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200");
        }
    }

    private static String status(int port, String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            } catch (IOException closedEarly) {
                // read what the server answered before closing
            }
            byte[] buf = new byte[128];
            int n = socket.getInputStream().read(buf);
            return n <= 0 ? "closed" : new String(buf, 0, n, StandardCharsets.US_ASCII).split("\r\n")[0];
        } catch (IOException reset) {
            return "closed";
        }
    }
}
