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
                        return loop(name, new Call[] {call}, warmEnd, end)[0];
                    } finally {
                        close(call);
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
            return figures(name, all);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One client making the given calls in turn, each timed on its own: their latencies are measured at the same
     * moments, so that a machine whose speed drifts (shared cores, idle vCPUs waking) hits them alike. The calls per
     * second of these figures count only that call's share of the loop.
     */
    List<Figures> inTurn(String name, List<Call> calls) throws Exception {
        long warmEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        try {
            long[][] samples = loop(name, calls.toArray(Call[]::new), warmEnd, end);
            List<Figures> figures = new ArrayList<>();
            for (long[] one : samples) {
                figures.add(figures(name, one));
            }
            return figures;
        } finally {
            for (Call call : calls) {
                close(call);
            }
        }
    }

    private Figures figures(String name, long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalStateException(name + ": no call completed in " + seconds + " s");
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElseThrow() / 1000.0;
        return new Figures(percentile(nanos, 50) / 1000.0, percentile(nanos, 99) / 1000.0, mean,
                nanos.length / (double) seconds);
    }

    /** Latencies in ns of each call (in turn) started after {@code warmEnd}. */
    private static long[][] loop(String name, Call[] calls, long warmEnd, long end) throws Exception {
        long now = System.nanoTime();
        for (int i = 0; now < warmEnd; i = (i + 1) % calls.length) {
            calls[i].call();
            now = System.nanoTime();
        }
        long[][] samples = new long[calls.length][1 << 16];
        int[] n = new int[calls.length];
        long failed = 0;
        for (int i = 0; now < end; i = (i + 1) % calls.length) {
            boolean ok = calls[i].call();
            long after = System.nanoTime();
            if (n[i] == samples[i].length) {
                samples[i] = Arrays.copyOf(samples[i], n[i] * 2);
            }
            samples[i][n[i]++] = after - now;
            if (!ok) {
                failed++;
            }
            now = after;
        }
        if (failed > 0) {
            throw new IllegalStateException(name + ": " + failed + " of " + Arrays.stream(n).sum() + " calls did not "
                    + "get the expected answer; the figures of this run are invalid");
        }
        for (int i = 0; i < calls.length; i++) {
            samples[i] = Arrays.copyOf(samples[i], n[i]);
        }
        return samples;
    }

    private static void close(Call call) throws Exception {
        if (call instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100.0 * sorted.length) - 1))];
    }
}
