package quantum.safety.bench;

import redis.clients.jedis.Jedis;

/**
 * What a target costs the Redis it reads, per request: commands ({@code INFO commandstats}, summed) and the server's
 * CPU time ({@code used_cpu_user + used_cpu_sys}, microsecond resolution; it includes Redis' own background work, a
 * few µs per request at this pace). Both come from one {@code INFO all} per reading, which Redis 6.2 understands too;
 * the reading itself is one command, taken off.
 */
final class RedisCost {

    private final Jedis jedis;
    private final long commandsAtStart;
    private final double cpuAtStart;

    private RedisCost(Jedis jedis) {
        this.jedis = jedis;
        String info = jedis.info("all");
        this.commandsAtStart = commands(info);
        this.cpuAtStart = cpuSeconds(info);
    }

    /** Starts counting on {@code jedis}, a connection that stays open until {@link #per(int)}. */
    static RedisCost start(Jedis jedis) {
        return new RedisCost(jedis);
    }

    /** Commands and CPU milliseconds since the start, each divided by {@code requests}. */
    double[] per(int requests) {
        String info = jedis.info("all");
        double commands = (commands(info) - commandsAtStart - 1) / (double) requests;
        double cpuMs = (cpuSeconds(info) - cpuAtStart) * 1000 / requests;
        return new double[] {commands, cpuMs};
    }

    private static long commands(String info) {
        long commands = 0;
        for (String line : info.split("\r?\n")) {
            int calls = line.indexOf("calls=");
            if (line.startsWith("cmdstat_") && calls > 0) {
                commands += Long.parseLong(line.substring(calls + 6, line.indexOf(',', calls)));
            }
        }
        return commands;
    }

    private static double cpuSeconds(String info) {
        double seconds = 0;
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("used_cpu_user:") || line.startsWith("used_cpu_sys:")) {
                seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return seconds;
    }
}
