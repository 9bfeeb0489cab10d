package quantum.safety.service;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import quantum.safety.kernel.Decision;
import quantum.safety.kernel.Intent;
import quantum.safety.kernel.Reason;
import quantum.safety.kernel.SafetyKernel;
import quantum.safety.service.api.DecisionJson;
import quantum.safety.service.api.IntentReader;

/**
 * Runs the request path once over before the service says it is ready, without deciding anything: the JSON reading
 * and writing a few thousand times (so the first callers do not pay for the JIT against their 250 ms deadline), and
 * the decision script checked on several Redis connections at once (so the pool holds open connections).
 */
final class Warmup {

    private static final int ROUNDS = 3_000;
    private static final int CONNECTIONS = 4;

    private Warmup() {
    }

    static void run(SafetyKernel kernel, IntentReader reader) {
        byte[] body = "{\"symbol\":\"WARMUP\",\"side\":\"BUY\",\"reduce_only\":false,\"correlation_id\":\"w\",\"trace_id\":\"w\"}"
                .getBytes(StandardCharsets.UTF_8);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("symbol", "WARMUP");
        meta.put("global_count", 1L);
        meta.put("tripped", false);
        for (int i = 0; i < ROUNDS; i++) {
            Intent intent = reader.single(body);
            DecisionJson.bytes(new Decision(Reason.OK, meta));
            if (intent.reduceOnly()) {
                throw new IllegalStateException("the warm-up intent is not reduce-only");
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            List<CompletableFuture<Void>> checks = IntStream.range(0, CONNECTIONS)
                    .mapToObj(i -> CompletableFuture.runAsync(kernel::notReadyBecause, pool)).toList();
            CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Redis down or slow: readiness says so; the warm-up only saves time when Redis answers.
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
