package quantum.safety.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A Java caller of {@code POST /v1/decide} over one keep-alive HTTP/1.1 connection on a plain socket (TCP_NODELAY),
 * reading each answer by its Content-Length: the least a client can do, so the figures are the service's and the
 * network's rather than a client library's. Cycles through a few symbols with the same body the Python client sends.
 */
final class KeepAliveDecider implements ClosedLoop.Call, AutoCloseable {

    private static final String[] SYMBOLS = {"BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "BNBUSDT", "ADAUSDT"};
    private static final byte[] OK = "\"reason\":\"OK\"".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[][] requests;
    private final byte[] buffer = new byte[16384];
    private int next;

    KeepAliveDecider(int port, int client) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        out = socket.getOutputStream();
        in = socket.getInputStream();
        requests = new byte[SYMBOLS.length * 2][];
        for (int i = 0; i < requests.length; i++) {
            String body = "{\"symbol\":\"" + SYMBOLS[i / 2] + "\",\"side\":\"" + (i % 2 == 0 ? "BUY" : "SELL")
                    + "\",\"reduce_only\":false,\"correlation_id\":\"ord-bench-" + client
                    + "\",\"trace_id\":\"trace-bench-" + client + "\"}";
            requests[i] = ("POST /v1/decide HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json"
                    + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
        }
        next = client % requests.length;
    }

    /** True when the service answered 200 with reason OK. */
    @Override
    public boolean call() throws IOException {
        out.write(requests[next]);
        out.flush();
        next = next + 1 == requests.length ? 0 : next + 1;
        int filled = 0;
        int headerEnd = -1;
        while (headerEnd < 0) {
            filled += read(filled);
            headerEnd = headerEnd(filled);
        }
        String headers = new String(buffer, 0, headerEnd + 2, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
        boolean ok = headers.startsWith("http/1.1 200 ");
        int at = headers.indexOf("content-length:");
        int length = Integer.parseInt(headers.substring(at + 15, headers.indexOf('\r', at)).trim());
        int total = headerEnd + 4 + length;
        if (total > buffer.length) {
            throw new IOException("answer of " + total + " bytes is larger than expected");
        }
        while (filled < total) {
            filled += read(filled);
        }
        return ok && contains(buffer, headerEnd + 4, total, OK);
    }

    private int read(int filled) throws IOException {
        int n = in.read(buffer, filled, buffer.length - filled);
        if (n < 0) {
            throw new IOException("the service closed the connection");
        }
        return n;
    }

    private int headerEnd(int filled) {
        for (int i = 3; i < filled; i++) {
            if (buffer[i - 3] == '\r' && buffer[i - 2] == '\n' && buffer[i - 1] == '\r' && buffer[i] == '\n') {
                return i - 3;
            }
        }
        return -1;
    }

    private static boolean contains(byte[] data, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
