package quantum.safety.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A closed-loop load: each client makes its next call when the previous one answered. Every client warms up, then is
 * timed from one common start to one common end, so calls per second is the count divided by the seconds. A call
 * answers whether it got what it should; a run with any wrong answer is refused, since a fast refusal or a fail-safe
 * block is not a decision's latency.
 */
final class ClosedLoop {

    /** One client's call; {@code false} when the answer was not the expected one. */
    @FunctionalInterface
    interface Call {
        boolean call() throws Exception;
    }

    /** Opens client number {@code n}'s call (its connection, its intents); closed after the run if closeable. */
    @FunctionalInterface
    interface Client {
        Call open(int n) throws Exception;
    }

    /** What one measurement gave: latency percentiles and mean in µs, calls per second over all clients. */
    record Figures(double p50Micros, double p99Micros, double meanMicros, double perSecond) {
    }

    private final int warmupSeconds;
    private final int seconds;

    ClosedLoop(int warmupSeconds, int seconds) {
        this.warmupSeconds = warmupSeconds;
        this.seconds = seconds;
    }

    /** Runs {@code clients} clients, each with its own call from {@code newCall} (given the client's number). */
    Figures run(String name, int clients, Client newCall) throws Exception {
        long warmEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<long[]>> results = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int client = i;
                results.add(pool.submit(() -> {
                    Call call = newCall.open(client);
                    try {
                        return loop(name, call, warmEnd, end);
                    } finally {
                        if (call instanceof AutoCloseable closeable) {
                            closeable.close();
                        }
                    }
                }));
            }
            long[] all = new long[0];
            for (Future<long[]> f : results) {
                long[] part = f.get();
                long[] merged = Arrays.copyOf(all, all.length + part.length);
                System.arraycopy(part, 0, merged, all.length, part.length);
                all = merged;
            }
            if (all.length == 0) {
                throw new IllegalStateException(name + ": no call completed in " + seconds + " s");
            }
            Arrays.sort(all);
            double mean = Arrays.stream(all).average().orElseThrow() / 1000.0;
            return new Figures(percentile(all, 50) / 1000.0, percentile(all, 99) / 1000.0, mean,
                    all.length / (double) seconds);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long[] loop(String name, Call call, long warmEnd, long end) throws Exception {
        long now = System.nanoTime();
        while (now < warmEnd) {
            call.call();
            now = System.nanoTime();
        }
        long[] samples = new long[1 << 16];
        int n = 0;
        long failed = 0;
        while (now < end) {
            boolean ok = call.call();
            long after = System.nanoTime();
            if (n == samples.length) {
                samples = Arrays.copyOf(samples, n * 2);
            }
            samples[n++] = after - now;
            if (!ok) {
                failed++;
            }
            now = after;
        }
        if (failed > 0) {
            throw new IllegalStateException(name + ": " + failed + " of " + n + " calls did not get the expected "
                    + "answer; the figures of this run are invalid");
        }
        return Arrays.copyOf(samples, n);
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100.0 * sorted.length) - 1))];
    }
}
