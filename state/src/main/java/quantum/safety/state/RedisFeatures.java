package quantum.safety.state;

/**
 * What the Redis server in front of us can do, detected once per connection from {@code INFO server}.
 *
 * @param version      e.g. {@code 7.0.15}; {@code unknown} when INFO was refused (ACL)
 * @param entriesAdded whether {@code XINFO STREAM} reports {@code entries-added} (Redis 7.0+), the exact count of
 *                     entries ever appended to a stream whatever its trimming
 */
public record RedisFeatures(String version, boolean entriesAdded) {

    /** Redis 7.x, for tests and for callers that know their server. */
    public static final RedisFeatures REDIS_7 = new RedisFeatures("7.0.0", true);
    /** Redis 6.2, the oldest server we support. */
    public static final RedisFeatures REDIS_6_2 = new RedisFeatures("6.2.0", false);

    /** Parses the {@code redis_version} line of {@code INFO server}. */
    public static RedisFeatures fromInfo(String info) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("redis_version:")) {
                String version = line.substring("redis_version:".length()).trim();
                return new RedisFeatures(version, major(version) >= 7);
            }
        }
        return unknown();
    }

    /** INFO was refused or unreadable: use the paths that work on every supported version. */
    public static RedisFeatures unknown() {
        return new RedisFeatures("unknown", false);
    }

    private static int major(String version) {
        int dot = version.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
