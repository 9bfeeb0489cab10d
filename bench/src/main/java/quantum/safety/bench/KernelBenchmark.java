package quantum.safety.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import quantum.safety.kernel.Decision;
import quantum.safety.kernel.Intent;
import quantum.safety.kernel.KernelConfig;
import quantum.safety.kernel.Reason;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.SafetyKernel;
import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;
import quantum.safety.process.LocalRedis;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@code SafetyKernel.decide()} next to a Redis {@code PING} and to an empty script that carries the same keys and
 * arguments as a decision, all through the same pooled client and the same local redis-server, so the ratios show
 * what the call itself costs and what the decision logic adds on top of a round trip.
 * Modes and thread counts are chosen by {@link KernelBench}.
 */
public class KernelBenchmark {

    /** One redis-server and one client per trial, shared by every benchmark thread. */
    @State(Scope.Benchmark)
    public static class Server {
        LocalRedis redis;
        UnifiedJedis client;
        SafetyKernel kernel;
        byte[] emptyScript;
        List<byte[]> keys;
        List<byte[]> args;

        @Setup(Level.Trial)
        public void start() throws IOException {
            redis = LocalRedis.start();
            client = RedisConnector.to(RedisEndpoint.standalone(redis.host(), redis.port()), RedisCredentials.none())
                    .maxConnections(16).clientName("quantum-safety-bench")
                    .forDecisions(KernelConfig.DEFAULT_DECISION_TIMEOUT).open();
            // Limits far above what a run reaches: every decision takes the full path (count, rank, decide).
            kernel = SafetyKernel.create(KernelConfig.builder().globalMax(Integer.MAX_VALUE)
                    .symbolMax(Integer.MAX_VALUE).kernelId("bench").build(), client, RedisSchema.legacy());
            // The floor of any one-call design: an empty script carrying the decision's 12 keys and 10 arguments.
            emptyScript = client.scriptLoad("return 1", "k").getBytes(StandardCharsets.US_ASCII);
            RedisSchema schema = RedisSchema.legacy();
            keys = Stream.of(schema.killSwitch(), schema.safeMode(), schema.safeModeInfo(), schema.tripStreak(),
                    schema.faultStream(), schema.auditStream(), schema.decisionCounters(), schema.kernelTotals(),
                    "quantum:safety:rate:global:", "quantum:safety:rate:symbol:BTCUSDT:", "quantum:safety:rate:top:",
                    "quantum:safety:rate:reduce_only:BTCUSDT:")
                    .map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
            args = Stream.of("10", "2147483647", "2147483647", "0", "BTCUSDT", "BUY", "", "", "0",
                    "300 0 0 3600 1 bench 1000 10000").map(a -> a.getBytes(StandardCharsets.UTF_8)).toList();
            Decision first = kernel.decide(Intent.of("BTCUSDT", "BUY"));
            if (first.reason() != Reason.OK) {
                throw new IllegalStateException("the kernel does not decide OK against the benchmark Redis: " + first);
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            long failed = kernel.failures().failOpen() + kernel.failures().failClosed()
                    + kernel.failures().configErrors() + kernel.failures().lastKnownBlocks();
            client.close();
            redis.close();
            if (failed > 0) {
                // A decision that never reached Redis: its latency is not a decision's latency.
                throw new IllegalStateException(failed + " decisions were taken without Redis; the figures of this "
                        + "run are invalid");
            }
        }
    }

    /** Each thread cycles through a few symbols, like a router trading a handful of instruments. */
    @State(Scope.Thread)
    public static class Intents {
        private static final String[] SYMBOLS = {"BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "BNBUSDT", "ADAUSDT"};
        private final Intent[] intents = new Intent[SYMBOLS.length * 2];
        private int next;

        @Setup(Level.Trial)
        public void prepare() {
            for (int i = 0; i < intents.length; i++) {
                intents[i] = Intent.of(SYMBOLS[i / 2], i % 2 == 0 ? "BUY" : "SELL");
            }
        }

        Intent next() {
            Intent intent = intents[next];
            next = next + 1 == intents.length ? 0 : next + 1;
            return intent;
        }
    }

    @Benchmark
    public Decision decide(Server server, Intents intents) {
        return server.kernel.decide(intents.next());
    }

    @Benchmark
    public String ping(Server server) {
        return server.client.ping();
    }

    @Benchmark
    public Object emptyScript(Server server) {
        return server.client.evalsha(server.emptyScript, server.keys, server.args);
    }
}
