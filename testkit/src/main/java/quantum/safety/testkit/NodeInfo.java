package quantum.safety.testkit;

import java.util.Map;
import java.util.TreeMap;

import quantum.safety.process.LocalRedis;
import redis.clients.jedis.Jedis;

/** What one cluster node says about itself and its view of the cluster, each over a fresh connection. */
public final class NodeInfo {

    private NodeInfo() {
    }

    /**
     * {@code INFO errorstats} of one node, by error prefix ({@code MOVED}, {@code ASK}, {@code TRYAGAIN},
     * {@code NOSCRIPT}, …): how often it redirected or refused a client. Redis 6.2 and 7.x both keep these counters.
     */
    public static Map<String, Long> errorReplies(LocalRedis node) {
        Map<String, Long> counts = new TreeMap<>();
        try (Jedis jedis = node.connect()) {
            for (String line : jedis.info("errorstats").split("\r?\n")) {
                // errorstat_MOVED:count=3
                if (line.startsWith("errorstat_")) {
                    String name = line.substring("errorstat_".length(), line.indexOf(':'));
                    counts.put(name, Long.parseLong(line.substring(line.indexOf("count=") + 6).trim()));
                }
            }
        }
        return counts;
    }

    /** The node's cluster id ({@code CLUSTER MYID}). */
    public static String id(LocalRedis node) {
        try (Jedis jedis = node.connect()) {
            return jedis.clusterMyId();
        }
    }

    /** The node's {@code CLUSTER NODES}, parsed. */
    static ClusterView view(LocalRedis node) {
        try (Jedis jedis = node.connect()) {
            return ClusterView.parse(jedis.clusterNodes());
        }
    }

    /** A numeric field of {@code INFO replication}, such as {@code master_repl_offset}. */
    static long replicationField(LocalRedis node, String field) {
        try (Jedis jedis = node.connect()) {
            for (String line : jedis.info("replication").split("\r?\n")) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim());
                }
            }
        }
        throw new IllegalStateException("INFO replication of " + node.port() + " has no " + field);
    }
}
