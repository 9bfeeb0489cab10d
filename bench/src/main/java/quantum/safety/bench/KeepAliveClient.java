package quantum.safety.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection on a plain socket, sending requests built once and reading each answer by its
 * Content-Length: next to the server under test it costs almost nothing, so what a benchmark measures is the server.
 */
final class KeepAliveClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] buffer = new byte[8192];

    private KeepAliveClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    static KeepAliveClient connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port));
        return new KeepAliveClient(socket);
    }

    /** The bytes of a JSON {@code POST path} with {@code body}, to send as often as wanted. */
    static byte[] post(String path, String body) {
        byte[] json = body.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + json.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + json.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(json, 0, request, head.length, json.length);
        return request;
    }

    /** Sends {@code request}, reads the whole answer and returns its status code. */
    int send(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        return readResponse();
    }

    private int readResponse() throws IOException {
        int filled = 0;
        int headerEnd = -1;
        while (headerEnd < 0) {
            if (filled == buffer.length) {
                throw new IOException("the answer's header is longer than " + buffer.length + " bytes");
            }
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                throw new IOException("connection closed");
            }
            filled += n;
            headerEnd = headerEnd(filled);
        }
        String headers = new String(buffer, 0, headerEnd + 2, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
        int status = Integer.parseInt(headers.substring(9, 12));
        int at = headers.indexOf("content-length:");
        if (at < 0) {
            throw new IOException("an answer without Content-Length: " + headers.lines().findFirst().orElse(""));
        }
        int length = Integer.parseInt(headers.substring(at + 15, headers.indexOf('\r', at)).trim());
        int remaining = headerEnd + 4 + length - filled;
        while (remaining > 0) {
            int n = in.read(buffer, 0, Math.min(buffer.length, remaining));
            if (n < 0) {
                throw new IOException("connection closed");
            }
            remaining -= n;
        }
        return status;
    }

    private int headerEnd(int filled) {
        for (int i = 3; i < filled; i++) {
            if (buffer[i - 3] == '\r' && buffer[i - 2] == '\n' && buffer[i - 1] == '\r' && buffer[i] == '\n') {
                return i - 3;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
