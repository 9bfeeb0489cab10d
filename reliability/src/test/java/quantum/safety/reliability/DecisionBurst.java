package quantum.safety.reliability;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;

import quantum.safety.kernel.Decision;
import quantum.safety.kernel.Intent;
import quantum.safety.kernel.Reason;
import quantum.safety.kernel.SafetyKernel;

/**
 * A steady stream of decisions on a few threads (one every {@code periodMicros} per thread) while a test breaks
 * Redis. It counts every reason, and apart the decisions the kernel answered without Redis (last state read, fail
 * policy, configuration error: their meta names the {@code error}); it remembers when those came, the longest
 * {@code decide()} call a caller saw, and when Redis decided again after a moment the test marks.
 */
final class DecisionBurst implements AutoCloseable {

    private final SafetyKernel kernel;
    private final LongFunction<Intent> intents;
    private final Consumer<Decision> listener;
    private final ScheduledExecutorService pool;
    private final Map<Reason, AtomicLong> reasons = counters();
    private final Map<Reason, AtomicLong> withoutRedis = counters();
    private final Recovery recovery = new Recovery();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong firstWithoutRedis = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastWithoutRedis = new AtomicLong();
    private final AtomicLong longestNanos = new AtomicLong();
    private final AtomicLong seq = new AtomicLong();

    DecisionBurst(SafetyKernel kernel, int threads, long periodMicros) {
        this(kernel, threads, periodMicros, DecisionBurst::manySymbols, d -> { });
    }

    /** {@code intents} gives the n-th intent; {@code listener} sees every decision, on the deciding thread. */
    DecisionBurst(SafetyKernel kernel, int threads, long periodMicros, LongFunction<Intent> intents,
                  Consumer<Decision> listener) {
        this.kernel = kernel;
        this.intents = intents;
        this.listener = listener;
        this.pool = Executors.newScheduledThreadPool(threads);
        for (int i = 0; i < threads; i++) {
            pool.scheduleAtFixedRate(this::decideOnce, 0, periodMicros, TimeUnit.MICROSECONDS);
        }
    }

    /** Many symbols, so that the per-symbol limit does not trip in a long burst. */
    static Intent manySymbols(long n) {
        return Intent.of("SYM" + (n % 500), "BUY");
    }

    private static Map<Reason, AtomicLong> counters() {
        Map<Reason, AtomicLong> map = new EnumMap<>(Reason.class);
        for (Reason r : Reason.values()) {
            map.put(r, new AtomicLong());
        }
        return map;
    }

    private void decideOnce() {
        Intent intent = intents.apply(seq.incrementAndGet());
        long start = System.nanoTime();
        Decision d = kernel.decide(intent);
        long now = System.nanoTime();
        longestNanos.accumulateAndGet(now - start, Math::max);
        total.incrementAndGet();
        reasons.get(d.reason()).incrementAndGet();
        if (answeredWithoutRedis(d)) {
            withoutRedis.get(d.reason()).incrementAndGet();
            firstWithoutRedis.accumulateAndGet(now, Math::min);
            lastWithoutRedis.accumulateAndGet(now, Math::max);
        } else {
            recovery.success(now);
        }
        listener.accept(d);
    }

    /** The kernel answered by itself: its meta names the error that kept Redis from deciding. */
    static boolean answeredWithoutRedis(Decision d) {
        return d.meta().containsKey("error");
    }

    long total() {
        return total.get();
    }

    long count(Reason reason) {
        return reasons.get(reason).get();
    }

    /** Decisions the kernel answered without Redis. */
    long withoutRedis() {
        return withoutRedis.values().stream().mapToLong(AtomicLong::get).sum();
    }

    long withoutRedis(Reason reason) {
        return withoutRedis.get(reason).get();
    }

    /** Milliseconds between the first and the last decision answered without Redis; 0 when there was none. */
    long withoutRedisWindowMillis() {
        long first = firstWithoutRedis.get();
        return first == Long.MAX_VALUE ? 0 : TimeUnit.NANOSECONDS.toMillis(lastWithoutRedis.get() - first);
    }

    /** The longest {@code decide()} call, as its caller waited for it. A figure to report, never to assert. */
    long longestMillis() {
        return TimeUnit.NANOSECONDS.toMillis(longestNanos.get());
    }

    /** Every reason seen, with its count. */
    Map<Reason, Long> snapshot() {
        return Tally.of(reasons);
    }

    /** The reasons of the decisions answered without Redis, with their counts. */
    Map<Reason, Long> withoutRedisSnapshot() {
        return Tally.of(withoutRedis);
    }

    /**
     * The table's text: "12 of 840 (FAIL_CLOSED_ERROR 12; {@code extras}; longest decision 251 ms)", the reasons left
     * out when Redis decided every one.
     */
    String withoutRedisText(String... extras) {
        List<String> parts = new ArrayList<>();
        if (withoutRedis() > 0) {
            parts.add(Tally.text(withoutRedisSnapshot()));
        }
        parts.addAll(List.of(extras));
        parts.add("longest decision " + Results.ms(longestMillis()));
        return withoutRedis() + " of " + total() + " (" + String.join("; ", parts) + ")";
    }

    /** Marks the moment after which the first decision Redis took counts as recovery. */
    Recovery recovery() {
        return recovery;
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
