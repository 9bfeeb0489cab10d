package quantum.safety.bench;

/**
 * What one measurement of one target found.
 *
 * @param sortedNanos    each request's latency, sorted
 * @param cpuMsPerRequest the target process's CPU time per request; NaN when no process of its own answers (PING)
 * @param memoryEnd      its resident memory at the end; null without a process
 * @param memoryPeak     its highest resident memory over the once-a-second samples; null without a process
 * @param redisCommands  Redis commands per request
 * @param redisCpuMs     Redis CPU milliseconds per request
 */
record TargetFigures(String target, long[] sortedNanos, double cpuMsPerRequest, ProcessSample.Memory memoryEnd,
        ProcessSample.Memory memoryPeak, double redisCommands, double redisCpuMs) {

    double p50Ms() {
        return percentileMs(0.50);
    }

    double p99Ms() {
        return percentileMs(0.99);
    }

    int requests() {
        return sortedNanos.length;
    }

    private double percentileMs(double q) {
        int rank = (int) Math.ceil(q * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank))] / 1e6;
    }
}
