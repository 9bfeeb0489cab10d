package quantum.safety.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Slowloris clients on loopback for tests: connections that send nothing, that stop in the middle of their headers,
 * or that trickle one header byte at a time, plus raw one-shot requests.
 */
final class HostileClients implements AutoCloseable {

    private final List<Socket> sockets = new ArrayList<>();
    private final List<Socket> stalled = new ArrayList<>();
    private final ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-slowloris");
        t.setDaemon(true);
        return t;
    });

    /** Opens {@code silent} silent, {@code stalled} half-header and {@code trickling} byte-a-time connections. */
    public static HostileClients open(int port, int silent, int stalled, int trickling) throws IOException {
        HostileClients clients = new HostileClients();
        for (int i = 0; i < silent; i++) {
            clients.connect(port);
        }
        byte[] half = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < stalled; i++) {
            Socket s = clients.connect(port);
            s.getOutputStream().write(half);
            s.getOutputStream().flush();
            clients.stalled.add(s);
        }
        for (int i = 0; i < trickling; i++) {
            Socket s = clients.connect(port);
            OutputStream out = s.getOutputStream();
            int[] next = {0};
            clients.trickler.scheduleAtFixedRate(() -> {
                try {
                    out.write(half[next[0]++ % half.length]);
                    out.flush();
                } catch (IOException closedByServer) {
                    throw new IllegalStateException("closed", closedByServer);
                }
            }, 0, 200, TimeUnit.MILLISECONDS);
        }
        return clients;
    }

    private Socket connect(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(50);
        sockets.add(s);
        return s;
    }

    /** How many half-header connections the server has closed (read gives end of stream or a reset). */
    public int stalledClosedByServer() {
        int closed = 0;
        for (Socket s : stalled) {
            try {
                closed += s.getInputStream().read() == -1 ? 1 : 0;
            } catch (SocketTimeoutException stillOpen) {
                // the server has not closed it yet
            } catch (IOException reset) {
                closed++;
            }
        }
        return closed;
    }

    /**
     * Sends {@code request} in one go and returns the status line, or "closed" when the server closed the connection
     * before answering (a legitimate way to refuse).
     */
    public static String raw(int port, byte[] request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer and close before reading everything: read what it said
            }
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[256];
            int n = in.read(buf);
            if (n <= 0) {
                return "closed";
            }
            String answer = new String(buf, 0, n, StandardCharsets.US_ASCII);
            int eol = answer.indexOf("\r\n");
            return eol < 0 ? answer : answer.substring(0, eol);
        } catch (SocketException reset) {
            return "closed";
        } catch (IOException e) {
            return "closed (" + e.getClass().getSimpleName() + ")";
        }
    }

    @Override
    public void close() {
        trickler.shutdownNow();
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed by the server
            }
        }
    }
}
