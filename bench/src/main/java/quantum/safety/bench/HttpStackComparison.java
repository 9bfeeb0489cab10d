package quantum.safety.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpServer;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import quantum.safety.process.LocalRedis;
import redis.clients.jedis.JedisPooled;

/**
 * Which HTTP stack for the decision service: the JDK's {@code HttpServer} or Netty, each answering a small JSON POST
 * after one Redis round trip (a PING, standing in for the decision's one script call), next to the PING alone. Clients
 * are plain sockets with keep-alive, so the figures are the server's. Prints p50/p99 with one client and requests per
 * second with 1 and 8 clients.
 *
 * <pre>
 *   mvn -B -q -pl bench -am package -DskipTests
 *   java -cp bench/target/benchmarks.jar quantum.safety.bench.HttpStackComparison [seconds-per-figure]
 * </pre>
 */
public final class HttpStackComparison {

    private static final byte[] ANSWER = "{\"allowed\":true,\"reason\":\"OK\",\"meta\":{}}".getBytes(StandardCharsets.UTF_8);
    private static final String BODY = "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\"}";

    private HttpStackComparison() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try (LocalRedis redis = LocalRedis.start();
             JedisPooled jedis = new JedisPooled(redis.host(), redis.port())) {
            List<String> rows = new ArrayList<>();
            rows.add("| stack | p50 µs (1 client) | p99 µs (1 client) | req/s, 1 client | req/s, 8 clients |");
            rows.add("|---|---:|---:|---:|---:|");
            rows.add(row("Redis PING alone", () -> jedis::ping, seconds));
            int jdk = startJdk(jedis);
            rows.add(row("JDK HttpServer + PING", () -> post(jdk), seconds));
            try (NettyServer netty = NettyServer.start(jedis)) {
                rows.add(row("Netty + PING", () -> post(netty.port), seconds));
            }
            rows.forEach(System.out::println);
            System.exit(0);
        }
    }

    private static String row(String name, Supplier<Runnable> client, int seconds) throws Exception {
        long[] one = measure(client, 1, seconds);
        double p50 = percentile(one, 50) / 1000.0;
        double p99 = percentile(one, 99) / 1000.0;
        double rate1 = one.length / (double) seconds;
        double rate8 = measure(client, 8, seconds).length / (double) seconds;
        return String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f |", name, p50, p99, rate1, rate8);
    }

    /** Latencies in nanoseconds of every call made by {@code clients} threads for {@code seconds} after a warm-up. */
    private static long[] measure(Supplier<Runnable> client, int clients, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<long[]>> results = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                results.add(pool.submit(() -> {
                    Runnable call = client.get();
                    long warmEnd = System.nanoTime() + 1_000_000_000L;
                    while (System.nanoTime() < warmEnd) {
                        call.run();
                    }
                    long end = System.nanoTime() + seconds * 1_000_000_000L;
                    long[] samples = new long[1 << 16];
                    int n = 0;
                    for (long now = System.nanoTime(); now < end; ) {
                        call.run();
                        long after = System.nanoTime();
                        if (n == samples.length) {
                            samples = Arrays.copyOf(samples, n * 2);
                        }
                        samples[n++] = after - now;
                        now = after;
                    }
                    return Arrays.copyOf(samples, n);
                }));
            }
            long[] all = new long[0];
            for (Future<long[]> f : results) {
                long[] part = f.get();
                long[] merged = Arrays.copyOf(all, all.length + part.length);
                System.arraycopy(part, 0, merged, all.length, part.length);
                all = merged;
            }
            Arrays.sort(all);
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** One keep-alive connection sending the same POST. */
    private static Runnable post(int port) {
        byte[] request = KeepAliveClient.post("/v1/decide", BODY);
        try {
            KeepAliveClient connection = KeepAliveClient.connect("127.0.0.1", port);
            return () -> {
                try {
                    connection.send(request);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            };
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int startJdk(JedisPooled jedis) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/v1/decide", exchange -> {
            exchange.getRequestBody().readAllBytes();
            jedis.ping();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ANSWER.length);
            exchange.getResponseBody().write(ANSWER);
            exchange.close();
        });
        server.start();
        return server.getAddress().getPort();
    }

    /** Netty with the blocking Redis call on a worker pool, as the service must (a decision may wait up to its deadline). */
    private static final class NettyServer implements AutoCloseable {
        private final EventLoopGroup group;
        private final ExecutorService workers;
        private final int port;

        private NettyServer(EventLoopGroup group, ExecutorService workers, int port) {
            this.group = group;
            this.workers = workers;
            this.port = port;
        }

        static NettyServer start(JedisPooled jedis) throws InterruptedException {
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
            ExecutorService workers = Executors.newFixedThreadPool(16);
            Channel channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                    new SimpleChannelInboundHandler<FullHttpRequest>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
                                            workers.execute(() -> {
                                                jedis.ping();
                                                FullHttpResponse response = new DefaultFullHttpResponse(
                                                        HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                                                        Unpooled.wrappedBuffer(ANSWER));
                                                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                                                response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, ANSWER.length);
                                                ctx.writeAndFlush(response);
                                            });
                                        }
                                    });
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
            return new NettyServer(group, workers, ((InetSocketAddress) channel.localAddress()).getPort());
        }

        @Override
        public void close() {
            workers.shutdownNow();
            group.shutdownGracefully();
        }
    }
}
