package quantum.safety.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A keep-alive HTTP/1.1 {@code GET} on a plain socket with the headers Prometheus sends when it scrapes (OpenMetrics
 * first, gzip, its scrape timeout), reading each answer whole by its Content-Length or its chunks. Both exporters are
 * asked the very same bytes, and the client costs almost nothing next to them. A server that answers
 * {@code Connection: close} gets a new connection on the next request; {@link #reconnects()} counts them.
 */
final class ScrapeConnection implements AutoCloseable {

    static final String ACCEPT = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
            + "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    private final String host;
    private final int port;
    private final byte[] request;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int reconnects = -1;

    private ScrapeConnection(String host, int port, String path) {
        this.host = host;
        this.port = port;
        this.request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nUser-Agent: Prometheus/2.42.0"
                + "\r\nAccept: " + ACCEPT + "\r\nAccept-Encoding: gzip\r\nX-Prometheus-Scrape-Timeout-Seconds: 10"
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static ScrapeConnection to(String host, int port, String path) {
        return new ScrapeConnection(host, port, path);
    }

    /** Sends the request and reads the whole answer; fails unless it is a 200. Returns the body's length in bytes. */
    int get() throws IOException {
        if (socket == null) {
            open();
        }
        out.write(request);
        out.flush();
        String status = line();
        if (!status.startsWith("HTTP/1.1 200")) {
            close();
            throw new IOException("GET answered '" + status + "' from " + host + ":" + port);
        }
        long length = -1;
        boolean chunked = false;
        boolean closes = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String h = header.toLowerCase(Locale.ROOT);
            if (h.startsWith("content-length:")) {
                length = Long.parseLong(h.substring(15).trim());
            } else if (h.startsWith("transfer-encoding:") && h.contains("chunked")) {
                chunked = true;
            } else if (h.startsWith("connection:") && h.contains("close")) {
                closes = true;
            }
        }
        int body = chunked ? chunks() : (int) skip(length);
        if (closes) {
            close();
        }
        return body;
    }

    int reconnects() {
        return Math.max(0, reconnects);
    }

    private void open() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port));
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = socket.getOutputStream();
        reconnects++;
    }

    private int chunks() throws IOException {
        int total = 0;
        while (true) {
            String size = line();
            int semicolon = size.indexOf(';');
            long n = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (n == 0) {
                while (!line().isEmpty()) {
                    // trailers: none expected, read to the empty line that ends the answer
                }
                return total;
            }
            total += (int) skip(n);
            line();
        }
    }

    private long skip(long n) throws IOException {
        if (n < 0) {
            throw new IOException("an answer with neither Content-Length nor chunks from " + host + ":" + port);
        }
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed in the middle of an answer");
                }
                skipped = 1;
            }
            left -= skipped;
        }
        return n;
    }

    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed by " + host + ":" + port);
            }
            if (c != '\r') {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}
