package quantum.safety.testkit;

import java.util.List;

import quantum.safety.process.LocalRedis;
import quantum.safety.process.Poll;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.MigrateParams;

/**
 * Moves one hash slot from its master to another, step by step, the way {@code redis-cli --cluster reshard} does, so
 * that a test can act between the steps and meet each redirection a client meets during a live reshard:
 *
 * <ol>
 *   <li>{@link #begin()}: the target is IMPORTING the slot and the source MIGRATING it. The source still serves
 *       commands whose keys it holds, answers {@code ASK} for keys it no longer has, and {@code TRYAGAIN} for a
 *       multi-key command (or script) of which it holds some keys but not all;</li>
 *   <li>{@link #moveKeys(int)}: one {@code MIGRATE} of a batch of keys, atomically per batch; stop after some to be
 *       half-way;</li>
 *   <li>{@link #assignToTarget()}: {@code SETSLOT NODE} on the target only: it owns the slot, while the source still
 *       answers {@code ASK} until gossip tells it otherwise (then {@code MOVED});</li>
 *   <li>{@link #assignEverywhere()}: {@code SETSLOT NODE} on every other master; clients with the old slot map now
 *       get {@code MOVED}. Returns once the whole cluster has settled.</li>
 * </ol>
 */
public final class SlotMigration {

    private static final int MIGRATE_TIMEOUT_MS = 5000;

    private final LocalRedisCluster cluster;
    private final int slot;
    private final LocalRedis source;
    private final LocalRedis target;
    private final String sourceId;
    private final String targetId;

    SlotMigration(LocalRedisCluster cluster, int slot, LocalRedis source, LocalRedis target) {
        if (source.port() == target.port()) {
            throw new IllegalArgumentException("slot " + slot + " is already on " + target.port());
        }
        this.cluster = cluster;
        this.slot = slot;
        this.source = source;
        this.target = target;
        this.sourceId = NodeInfo.id(source);
        this.targetId = NodeInfo.id(target);
    }

    public int slot() {
        return slot;
    }

    public LocalRedis source() {
        return source;
    }

    public LocalRedis target() {
        return target;
    }

    /** IMPORTING on the target first, then MIGRATING on the source: an ASK then always finds the target ready. */
    public SlotMigration begin() {
        try (Jedis jedis = target.connect()) {
            jedis.clusterSetSlotImporting(slot, sourceId);
        }
        try (Jedis jedis = source.connect()) {
            jedis.clusterSetSlotMigrating(slot, targetId);
        }
        return this;
    }

    /** Moves up to {@code max} of the slot's keys to the target with one MIGRATE; returns how many moved. */
    public int moveKeys(int max) {
        try (Jedis jedis = source.connect()) {
            List<String> keys = jedis.clusterGetKeysInSlot(slot, max);
            if (!keys.isEmpty()) {
                jedis.migrate(target.host(), target.port(), 0, MIGRATE_TIMEOUT_MS, new MigrateParams(),
                        keys.toArray(String[]::new));
            }
            return keys.size();
        }
    }

    /** Keys of the slot still on the source. */
    public long keysLeft() {
        try (Jedis jedis = source.connect()) {
            return jedis.clusterCountKeysInSlot(slot);
        }
    }

    /** Moves every remaining key, {@code batch} at a time. */
    public SlotMigration moveAllKeys(int batch) {
        int moved;
        do {
            moved = moveKeys(batch);
        } while (moved > 0);
        return this;
    }

    /** The target owns the slot (and ends IMPORTING); the source is still MIGRATING. */
    public SlotMigration assignToTarget() {
        try (Jedis jedis = target.connect()) {
            jedis.clusterSetSlotNode(slot, targetId);
        }
        return this;
    }

    /**
     * Tells the source (which ends MIGRATING; it refuses while it still holds keys of the slot) and the other masters
     * that the target owns the slot, then waits until every node agrees and the cluster has settled.
     */
    public void assignEverywhere() {
        try (Jedis jedis = source.connect()) {
            jedis.clusterSetSlotNode(slot, targetId);
        }
        for (LocalRedis master : cluster.masters()) {
            if (master.port() != source.port() && master.port() != target.port()) {
                try (Jedis jedis = master.connect()) {
                    jedis.clusterSetSlotNode(slot, targetId);
                }
            }
        }
        Poll.until("every node sees " + target.port() + " as master of slot " + slot, LocalRedisCluster.SETTLE_TIMEOUT,
                () -> cluster.nodes().stream().allMatch(n -> NodeInfo.view(n).ownerOf(slot)
                        .map(o -> o.port() == target.port()).orElse(false)),
                cluster::describe);
        cluster.awaitSettled();
    }
}
