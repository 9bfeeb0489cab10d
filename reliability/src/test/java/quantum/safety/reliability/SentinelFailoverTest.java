package quantum.safety.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import quantum.safety.exporter.ExporterServer;
import quantum.safety.kernel.Decision;
import quantum.safety.kernel.FailPolicy;
import quantum.safety.kernel.Intent;
import quantum.safety.kernel.Reason;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.testkit.RequiresTools;
import redis.clients.jedis.Jedis;

/**
 * Real Sentinel failovers: the kernel (through {@code RedisConnector} and a {@code redis+sentinel://} endpoint) and
 * the exporter follow the new master without a restart.
 */
@Tag("reliability")
@RequiresTools({"redis-server", "redis-sentinel"})
class SentinelFailoverTest {

    private static final Duration LONG = Duration.ofSeconds(60);

    @Test
    void sentinelFailoverCommandTheKernelAndTheExporterFollowTheNewMaster() throws Exception {
        try (SentinelGroup group = new SentinelGroup();
             Fixtures.Kernel k = Fixtures.kernel(group.uri(), Fixtures.config(FailPolicy.CLOSED).build());
             ExporterServer exporter = Fixtures.exporter(group.uri())) {
            String before = group.masterAddress();
            assertThat(before).isEqualTo(SentinelGroup.address(group.master));
            assertThat(SentinelGroup.role(group.master)).isEqualTo("master");
            DecisionBurst burst = new DecisionBurst(k.kernel(), 2, 5_000);
            ScrapeLoop scrapes = new ScrapeLoop(Fixtures.metricsUrl(exporter), 100);
            long started;
            try (burst; scrapes) {
                await().atMost(LONG).until(() -> burst.count(Reason.OK) > 50 && scrapes.lastUpNanos() > 0);
                started = System.nanoTime();
                group.failover();
                await().atMost(LONG).until(() -> group.masterAddress().equals(SentinelGroup.address(group.replica)));
                long promoted = System.nanoTime();
                burst.recovery().watchFrom(promoted);
                scrapes.recovery().watchFrom(promoted);
                await().atMost(LONG).until(() -> burst.recovery().recovered() && scrapes.recovery().recovered());
            }
            // The master really changed: the sentinels announce another address, and the servers agree.
            assertThat(group.masterAddress()).isNotEqualTo(before).isEqualTo(SentinelGroup.address(group.replica));
            assertThat(SentinelGroup.role(group.replica)).isEqualTo("master");
            await().atMost(LONG).until(() -> SentinelGroup.role(group.master).equals("slave"));
            assertThat(burst.withoutRedisSnapshot().keySet()).isSubsetOf(Reason.FAIL_CLOSED_ERROR);
            assertThat(scrapes.failed()).isZero();
            // Decisions after the failover run on the new master: a decision now adds one to its counter.
            try (Jedis newMaster = group.replica.connect()) {
                String key = RedisSchema.legacy().decisionCounters();
                long ok = Long.parseLong(newMaster.hget(key, "OK"));
                assertThat(k.kernel().decide(Intent.of("BTCUSDT", "BUY")).reason()).isEqualTo(Reason.OK);
                assertThat(Long.parseLong(newMaster.hget(key, "OK"))).isEqualTo(ok + 1);
            }
            Results.record(new Results.Row("2.1", "Sentinel failover (`SENTINEL FAILOVER mymaster`), kernel fail closed",
                    "kernel and exporter follow the new master without a restart; a decision in the switch waits at "
                            + "most its deadline, then the fail policy answers",
                    burst.withoutRedis() == 0 ? burst.withoutRedisText()
                            : burst.withoutRedisText("window " + Results.ms(burst.withoutRedisWindowMillis())),
                    scrapes.failed() + " of " + scrapes.scrapes() + " (" + scrapes.redisDown() + " with redis_up 0)",
                    "decisions " + Results.ms(burst.recovery().millis()) + ", scrapes "
                            + Results.ms(scrapes.recovery().millis()) + " after the promotion was announced",
                    "nothing in a graceful failover (the replica is in sync first)", "pass"));
        }
    }

    @Test
    void masterKilledATripAcknowledgedByTheReplicaSurvivesTheFailover() throws Exception {
        try (SentinelGroup group = new SentinelGroup();
             Fixtures.Kernel tripper = Fixtures.kernel(group.uri(), Fixtures.config(FailPolicy.CLOSED).globalMax(1)
                     .tripReplicaAcks(1).tripAckTimeout(Duration.ofMillis(300)).build());
             Fixtures.Kernel k = Fixtures.kernel(group.uri(), Fixtures.config(FailPolicy.OPEN).build());
             ExporterServer exporter = Fixtures.exporter(group.uri())) {
            tripper.kernel().decide(Intent.of("BTCUSDT", "BUY"));
            Decision trip = tripper.kernel().decide(Intent.of("BTCUSDT", "BUY"));
            assertThat(trip.tripped()).isTrue();
            assertThat(trip.metaLong("replica_acks", -1)).isEqualTo(1);

            String before = group.masterAddress();
            assertThat(before).isEqualTo(SentinelGroup.address(group.master));
            DecisionBurst burst = new DecisionBurst(k.kernel(), 2, 5_000);
            ScrapeLoop scrapes = new ScrapeLoop(Fixtures.metricsUrl(exporter), 100);
            long detection;
            try (burst; scrapes) {
                await().atMost(LONG).until(() -> burst.count(Reason.SAFE_MODE_ENABLED) > 50 && scrapes.lastUpNanos() > 0);
                long killed = System.nanoTime();
                group.master.kill();
                await().atMost(LONG).until(() -> group.masterAddress().equals(SentinelGroup.address(group.replica)));
                long promoted = System.nanoTime();
                detection = (promoted - killed) / 1_000_000;
                burst.recovery().watchFrom(promoted);
                scrapes.recovery().watchFrom(promoted);
                await().atMost(LONG).until(() -> burst.recovery().recovered() && scrapes.recovery().recovered());
            }
            // The master really changed: the sentinels announce the replica, which says it is the master now.
            assertThat(group.masterAddress()).isNotEqualTo(before).isEqualTo(SentinelGroup.address(group.replica));
            assertThat(SentinelGroup.role(group.replica)).isEqualTo("master");
            // While there was no master, SAFE MODE as the kernel last read it blocked, although its policy is open.
            assertThat(burst.snapshot()).containsOnlyKeys(Reason.SAFE_MODE_ENABLED);
            assertThat(burst.withoutRedis()).isPositive();
            assertThat(k.kernel().failures().lastKnownBlocks()).isEqualTo(burst.withoutRedis());
            assertThat(k.kernel().failures().failOpen()).isZero();
            // SAFE MODE was on the replica before the kernel returned the trip, so the new master still blocks.
            assertThat(k.kernel().decide(Intent.of("ETHUSDT", "BUY")).reason()).isEqualTo(Reason.SAFE_MODE_ENABLED);
            assertThat(scrapes.failed()).isZero();
            Metrics after = Metrics.parse(Web.get(Fixtures.metricsUrl(exporter)).body());
            assertThat(after.value("quantum_safety_safe_mode")).isEqualTo(1);
            Results.record(new Results.Row("2.2", "Sentinel: master killed (SIGKILL) while SAFE MODE is on; trip taken with `--trip-replica-acks 1`; kernel fail open",
                    "nothing is allowed through: while there is no master, SAFE MODE as the kernel last read it blocks "
                            + "whatever the policy; the acknowledged trip survives the failover; kernel and exporter "
                            + "follow the new master",
                    burst.withoutRedis() + " of " + burst.total() + " (" + Tally.text(burst.withoutRedisSnapshot())
                            + " from the last state read, while no master; window "
                            + Results.ms(burst.withoutRedisWindowMillis()) + "; 0 allowed)",
                    scrapes.failed() + " of " + scrapes.scrapes() + " (" + scrapes.redisDown() + " with redis_up 0)",
                    "promotion " + Results.ms(detection) + " after the kill (down-after 1000 ms); then decisions "
                            + Results.ms(burst.recovery().millis()) + ", scrapes " + Results.ms(scrapes.recovery().millis()),
                    "SAFE MODE kept (acknowledged by 1 replica); unacknowledged writes of the last moment can be lost",
                    "pass"));
        }
    }
}
