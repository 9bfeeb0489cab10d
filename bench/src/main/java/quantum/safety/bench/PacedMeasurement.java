package quantum.safety.bench;

import java.util.Arrays;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import quantum.safety.process.LocalRedis;
import redis.clients.jedis.Jedis;

/**
 * One target measured the way Prometheus would load it: {@value #REQUESTS_PER_SECOND} requests a second on a fixed
 * schedule, one at a time (a late request goes at once, and its wait is not counted), first for a warm-up that is
 * thrown away, then for the measurement, which keeps each request's latency, the target process's CPU time and
 * memory, and what it cost Redis.
 */
final class PacedMeasurement {

    static final int REQUESTS_PER_SECOND = 20;

    /** One request, sent and read to its end; it throws when the answer is not the expected one. */
    @FunctionalInterface
    interface Request {
        void send() throws Exception;
    }

    private PacedMeasurement() {
    }

    /**
     * Warms {@code request} up for {@code warmupSeconds}, then measures it for {@code seconds}; {@code pid} is the
     * process that answers (empty: none but Redis, as for PING).
     */
    static TargetFigures run(String target, Request request, OptionalLong pid, LocalRedis redis, int warmupSeconds,
            int seconds) throws Exception {
        paced(request, warmupSeconds, null);
        try (Jedis jedis = redis.connect()) {
            RedisCost cost = RedisCost.start(jedis);
            ProcessSample process = pid.isPresent() ? ProcessSample.start(pid.getAsLong()) : null;
            long[] latencies = paced(request, seconds, process);
            int n = latencies.length;
            double[] redisPer = cost.per(n);
            if (process == null) {
                return new TargetFigures(target, latencies, Double.NaN, null, null, redisPer[0], redisPer[1]);
            }
            double cpuMs = process.cpuMsPer(n);
            process.sample();
            return new TargetFigures(target, latencies, cpuMs, process.last(), process.peak(), redisPer[0],
                    redisPer[1]);
        }
    }

    /**
     * Sends {@code request} on schedule for {@code seconds}, or fewer requests when it answers slower than the pace
     * (the time is the bound, so a slow target cannot stretch the run); samples {@code process} once a second.
     */
    private static long[] paced(Request request, int seconds, ProcessSample process) throws Exception {
        int total = seconds * REQUESTS_PER_SECOND;
        long[] latencies = new long[total];
        long interval = TimeUnit.SECONDS.toNanos(1) / REQUESTS_PER_SECOND;
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long nextSample = start + TimeUnit.SECONDS.toNanos(1);
        int sent = 0;
        while (sent < total && (sent == 0 || System.nanoTime() < end)) {
            long wait = start + sent * interval - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long begin = System.nanoTime();
            request.send();
            long done = System.nanoTime();
            latencies[sent++] = done - begin;
            if (process != null && done >= nextSample) {
                process.sample();
                nextSample = done + TimeUnit.SECONDS.toNanos(1);
            }
        }
        long[] measured = Arrays.copyOf(latencies, sent);
        Arrays.sort(measured);
        return measured;
    }
}
