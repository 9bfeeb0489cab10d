package quantum.safety.testkit;

import redis.clients.jedis.Jedis;

/**
 * A Redis server version as numbers, so that tests compare {@code 10.0} above {@code 7.2} (as strings it is below).
 *
 * @param patch 0 when the server reports none
 */
public record RedisVersion(int major, int minor, int patch) implements Comparable<RedisVersion> {

    /** Reads {@code redis_version} from {@code INFO server}. */
    public static RedisVersion of(Jedis jedis) {
        for (String line : jedis.info("server").split("\r?\n")) {
            if (line.startsWith("redis_version:")) {
                return parse(line.substring("redis_version:".length()).trim());
            }
        }
        throw new IllegalStateException("INFO server has no redis_version line");
    }

    /** {@code 7.0.15}, {@code 6.2}, {@code 10.0.0-rc1}: the leading numbers of each part. */
    public static RedisVersion parse(String text) {
        String[] parts = text.trim().split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("'" + text + "' is not a Redis version such as 7.0.15");
        }
        return new RedisVersion(number(parts[0], text), number(parts[1], text),
                parts.length > 2 ? number(parts[2], text) : 0);
    }

    public boolean atLeast(int major, int minor) {
        return compareTo(new RedisVersion(major, minor, 0)) >= 0;
    }

    @Override
    public int compareTo(RedisVersion other) {
        int byMajor = Integer.compare(major, other.major);
        if (byMajor != 0) {
            return byMajor;
        }
        int byMinor = Integer.compare(minor, other.minor);
        return byMinor != 0 ? byMinor : Integer.compare(patch, other.patch);
    }

    /** {@code major.minor}, e.g. {@code 7.0}. */
    public String majorMinor() {
        return major + "." + minor;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }

    private static int number(String part, String text) {
        int end = 0;
        while (end < part.length() && Character.isDigit(part.charAt(end))) {
            end++;
        }
        if (end == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a Redis version such as 7.0.15");
        }
        return Integer.parseInt(part.substring(0, end));
    }
}
