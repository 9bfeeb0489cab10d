package quantum.safety.testkit;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import quantum.safety.process.LocalRedis;
import quantum.safety.process.Poll;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A real Redis Cluster of three masters, each with one replica: six {@link LocalRedis} processes on loopback ports,
 * each in its own directory, formed with plain cluster commands (CLUSTER MEET, ADDSLOTS, REPLICATE), so that only
 * {@code redis-server} is needed (Redis 6.2 embedded or 7.x from PATH).
 *
 * <p>Every step that changes the topology ({@link #start}, {@link SlotMigration#assignEverywhere()},
 * {@link #failover}) returns only once every node reports {@code cluster_state:ok}, every replica's link to its master
 * is up, and all six nodes agree on who owns which slot: a test then starts from a settled cluster, and a client
 * that follows redirections sees the same answer whichever node it asks.
 */
public final class LocalRedisCluster implements AutoCloseable {

    public static final int SLOTS = 16384;
    private static final int MASTERS = 3;
    private static final int REPLICAS_PER_MASTER = 1;
    /** Gossip, elections and a replica's first sync take well under this on a loaded two-core machine. */
    static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(10);
    private static final int FAILOVER_ATTEMPTS = 3;

    private final List<LocalRedis> nodes;

    private LocalRedisCluster(List<LocalRedis> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** Starts and forms a cluster from the best available {@code redis-server}. */
    public static LocalRedisCluster start() throws IOException {
        return start(Optional.empty());
    }

    /** Starts and forms a cluster from the given source (or the best available). */
    public static LocalRedisCluster start(Optional<LocalRedis.Source> source) throws IOException {
        List<LocalRedis> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < MASTERS * (1 + REPLICAS_PER_MASTER); i++) {
                nodes.add(LocalRedis.start(source,
                        "--cluster-enabled", "yes",
                        // Relative to the node's own --dir, so each node keeps its own file.
                        "--cluster-config-file", "nodes.conf",
                        // Short, so that a failed node is noticed quickly; manual failovers do not wait for it.
                        "--cluster-node-timeout", "2000",
                        // Redis 7 otherwise waits 5 s for more replicas before a diskless full sync.
                        "--repl-diskless-sync-delay", "0"));
            }
            LocalRedisCluster cluster = new LocalRedisCluster(nodes);
            cluster.form();
            return cluster;
        } catch (IOException | RuntimeException e) {
            nodes.forEach(LocalRedis::close);
            throw e;
        }
    }

    private void form() {
        LocalRedis first = nodes.get(0);
        try (Jedis jedis = first.connect()) {
            nodes.stream().skip(1).forEach(n -> jedis.clusterMeet(n.host(), n.port()));
        }
        for (int m = 0; m < MASTERS; m++) {
            try (Jedis jedis = nodes.get(m).connect()) {
                // ADDSLOTS rather than ADDSLOTSRANGE, which Redis 6.2 lacks.
                jedis.clusterAddSlots(IntStream.range(m * SLOTS / MASTERS, (m + 1) * SLOTS / MASTERS).toArray());
            }
        }
        // A node can replicate only a master it has already met.
        Poll.until("every node has met the other " + (nodes.size() - 1), SETTLE_TIMEOUT,
                () -> nodes.stream().map(NodeInfo::view).allMatch(view -> view.nodes().size() == nodes.size()
                        && view.nodes().stream().allMatch(ClusterView.Node::isHealthy)),
                this::describe);
        for (int r = MASTERS; r < nodes.size(); r++) {
            String masterId = NodeInfo.id(nodes.get(r % MASTERS));
            try (Jedis jedis = nodes.get(r).connect()) {
                jedis.clusterReplicate(masterId);
            }
        }
        awaitSettled();
    }

    /** The six nodes in start order (the first three started as masters; roles change with failovers). */
    public List<LocalRedis> nodes() {
        return nodes;
    }

    /** The nodes that are masters now. */
    public List<LocalRedis> masters() {
        ClusterView view = NodeInfo.view(anyRunningNode());
        return nodes.stream().filter(n -> view.nodes().stream()
                .anyMatch(v -> v.port() == n.port() && v.isMaster())).toList();
    }

    /** Every node, as seed nodes for a cluster client. */
    public Set<HostAndPort> seedNodes() {
        return nodes.stream().map(n -> new HostAndPort(n.host(), n.port()))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** {@code redis+cluster://127.0.0.1:P1,127.0.0.1:P2,…}, the address form the project's connector parses. */
    public String address() {
        return "redis+cluster://" + nodes.stream().map(n -> n.host() + ":" + n.port()).collect(Collectors.joining(","));
    }

    /** The hash slot of a key ({@code {quantum}:anything} and {@code {quantum}} share one). */
    public static int slotOf(String key) {
        return JedisClusterCRC16.getSlot(key);
    }

    /** The node that is master of {@code slot} now, as the cluster reports it. */
    public LocalRedis masterOf(int slot) {
        ClusterView view = NodeInfo.view(anyRunningNode());
        int port = view.ownerOf(slot).orElseThrow(() -> new IllegalStateException("no master owns slot " + slot))
                .port();
        return node(port);
    }

    /** The replicas of {@code master} now. */
    public List<LocalRedis> replicasOf(LocalRedis master) {
        return NodeInfo.view(master).replicasOf(NodeInfo.id(master)).stream().map(n -> node(n.port())).toList();
    }

    /** Prepares moving {@code slot} from its master to {@code target}; see {@link SlotMigration} for the steps. */
    public SlotMigration migration(int slot, LocalRedis target) {
        return new SlotMigration(this, slot, masterOf(slot), target);
    }

    /** Moves {@code slot} to {@code target} in one go, in batches of {@code batch} keys, and waits until settled. */
    public void migrateSlot(int slot, LocalRedis target, int batch) {
        migration(slot, target).begin().moveAllKeys(batch).assignToTarget().assignEverywhere();
    }

    /**
     * A manual failover: {@code CLUSTER FAILOVER} on a replica of {@code master}, which first lets the replica catch
     * up with the master (the master pauses its writers meanwhile), so no acknowledged write is lost. Returns the
     * promoted node once it is master, the old master replicates it, and the cluster has settled.
     */
    public LocalRedis failover(LocalRedis master) {
        String masterId = NodeInfo.id(master);
        LocalRedis promoted = replicasOf(master).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("master " + master.port() + " has no replica"));
        String promotedId = NodeInfo.id(promoted);
        for (int attempt = 1; ; attempt++) {
            if (!NodeInfo.view(promoted).myself().isMaster()) {
                try (Jedis jedis = promoted.connect()) {
                    jedis.clusterFailover();
                }
            }
            try {
                Poll.until("replica " + promoted.port() + " has taken over from " + master.port(), FAILOVER_TIMEOUT,
                        () -> NodeInfo.view(promoted).myself().isMaster() && NodeInfo.view(master).byId(masterId)
                                .map(n -> promotedId.equals(n.masterId())).orElse(false),
                        this::describe);
                break;
            } catch (IllegalStateException e) {
                // Redis gives a manual failover 5 s; one that lost its election on a loaded machine is asked again.
                if (attempt == FAILOVER_ATTEMPTS) {
                    throw e;
                }
            }
        }
        awaitSettled();
        return promoted;
    }

    /**
     * Waits until every replica has received everything its master has written: equal replication offsets. The
     * master sends a PING to its replicas every few seconds, so the offsets are compared until they are equal at
     * one look.
     */
    public void awaitReplicasInSync() {
        Poll.until("every replica has its master's replication offset", SETTLE_TIMEOUT, () -> {
            for (LocalRedis master : masters()) {
                long offset = NodeInfo.replicationField(master, "master_repl_offset");
                for (LocalRedis replica : replicasOf(master)) {
                    if (NodeInfo.replicationField(replica, "slave_repl_offset") != offset) {
                        return false;
                    }
                }
            }
            return true;
        }, this::describe);
    }

    /** Waits until the cluster is settled: see the class comment. */
    public void awaitSettled() {
        Poll.until("the cluster has settled", SETTLE_TIMEOUT, this::isSettled, this::describe);
    }

    private boolean isSettled() {
        String agreed = null;
        for (LocalRedis node : nodes) {
            try (Jedis jedis = node.connect()) {
                if (!jedis.clusterInfo().contains("cluster_state:ok")) {
                    return false;
                }
                ClusterView view = ClusterView.parse(jedis.clusterNodes());
                if (!view.isComplete(MASTERS, REPLICAS_PER_MASTER) || view.myself().hasOpenSlots()) {
                    return false;
                }
                if (!view.myself().isMaster() && !jedis.info("replication").contains("master_link_status:up")) {
                    return false;
                }
                if (agreed != null && !agreed.equals(view.signature())) {
                    return false;
                }
                agreed = view.signature();
            }
        }
        return true;
    }

    /** {@link NodeInfo#errorReplies} summed over every node. */
    public Map<String, Long> errorReplies() {
        Map<String, Long> counts = new TreeMap<>();
        for (LocalRedis node : nodes) {
            NodeInfo.errorReplies(node).forEach((k, v) -> counts.merge(k, v, Long::sum));
        }
        return counts;
    }

    LocalRedis node(int port) {
        return nodes.stream().filter(n -> n.port() == port).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node of this cluster listens on " + port));
    }

    private LocalRedis anyRunningNode() {
        return nodes.stream().filter(LocalRedis::isRunning).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node of the cluster is running"));
    }

    /** Each node's view, for a failure message. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        for (LocalRedis node : nodes) {
            sb.append("-- node ").append(node.port()).append(node.isRunning() ? "" : " (not running)").append('\n');
            if (node.isRunning()) {
                try (Jedis jedis = node.connect()) {
                    String state = jedis.clusterInfo().lines().filter(l -> l.startsWith("cluster_state"))
                            .findFirst().orElse("");
                    sb.append(state).append('\n').append(jedis.clusterNodes());
                } catch (RuntimeException e) {
                    sb.append("unreachable: ").append(e.getMessage()).append('\n');
                }
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        nodes.forEach(LocalRedis::close);
    }
}
