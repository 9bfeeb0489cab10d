package quantum.safety.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import quantum.safety.exporter.BuildIdentity;
import quantum.safety.exporter.ExporterConfig;
import quantum.safety.exporter.ExporterServer;
import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;
import quantum.safety.process.LocalRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;

/**
 * Latency of one whole {@code GET /metrics} (HTTP, collection, JVM metrics, encoding) at 10, 1,000 and 10,000 active
 * symbols, next to one Redis PING on the same server: the ratio is what the exporter adds to a round trip. At the end
 * of each trial it prints Redis commands and read events per scrape ({@code INFO commandstats} and
 * {@code total_reads_processed} deltas over 200 scrapes), which must not grow with the symbol count.
 *
 * <p>Run: see docs/benchmarks.md (exporter section). The clock is fixed so the seeded window stays current.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx96m"})
public class ExporterScrapeBenchmark {

    @Param({"10", "1000", "10000"})
    int symbols;

    private LocalRedis redis;
    private ExporterServer server;
    private JedisPooled ping;
    private HttpClient http;
    private HttpRequest request;

    @Setup(Level.Trial)
    public void start() throws IOException {
        redis = LocalRedis.start();
        Instant now = Instant.now();
        try (Jedis jedis = redis.connect()) {
            ExporterBenchData.seed(jedis, now.toEpochMilli(), 10, symbols);
        }
        RedisConnector connector = RedisConnector.to(RedisEndpoint.standalone(redis.host(), redis.port()),
                RedisCredentials.none());
        server = ExporterServer.start(ExporterConfig.builder(connector)
                .listenAddresses(List.of("127.0.0.1:0"))
                .clock(Clock.fixed(now, ZoneOffset.UTC))
                .build(new BuildIdentity("bench", "bench", "bench"))
                .build());
        ping = new JedisPooled(redis.host(), redis.port());
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                .header("X-Prometheus-Scrape-Timeout-Seconds", "10").build();
    }

    @Benchmark
    public String scrape() throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains("quantum_safety_redis_up 1.0")) {
            throw new IllegalStateException("scrape failed: " + response.statusCode());
        }
        return response.body();
    }

    @Benchmark
    public String redisPing() {
        return ping.ping();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        try (Jedis jedis = redis.connect()) {
            long[] before = ExporterBenchData.commandsAndReads(jedis);
            int scrapes = 200;
            for (int i = 0; i < scrapes; i++) {
                scrape();
            }
            long[] after = ExporterBenchData.commandsAndReads(jedis);
            // minus the two INFO calls of the second reading
            System.out.printf("%n[exporter] symbols=%d redis commands/scrape=%.2f redis read events/scrape=%.2f%n",
                    symbols, (after[0] - before[0] - 2) / (double) scrapes, (after[1] - before[1] - 2) / (double) scrapes);
        }
        ping.close();
        server.close();
        redis.close();
    }
}
