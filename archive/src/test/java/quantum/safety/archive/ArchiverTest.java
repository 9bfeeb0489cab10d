package quantum.safety.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import quantum.safety.kernel.SafetyOperations;
import quantum.safety.testkit.PostgresExtension;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestPostgres;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;

@ExtendWith({RedisExtension.class, PostgresExtension.class})
class ArchiverTest {

    @Test
    void archivesWhatTheStreamsHoldAndWhatComesLaterExactlyOnceWithTheKernelsOwnEventsDecoded(TestRedis redis,
            TestPostgres postgres) throws Exception {
        PostgresTarget target = Fixture.target(postgres);
        ArchiveMetrics metrics = new ArchiveMetrics("test");
        List<StreamId> before;
        try (Jedis jedis = redis.connect()) {
            before = Fixture.addFaults(jedis, 25);
        }
        try (UnifiedJedis client = Fixture.redis(redis.host(), redis.port()).open();
             Fixture.Running running = new Fixture.Running(Fixture.archiver(client, target, metrics, 10))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> metrics.events(ArchiveStream.FAULT) == 25);
            SafetyOperations ops = new SafetyOperations(client, Fixture.SCHEMA);
            ops.engageKillSwitch("ops:alice", "drill");
            ops.releaseKillSwitch("ops:alice", "drill over");
            await().atMost(Duration.ofSeconds(30)).until(() -> metrics.events(ArchiveStream.AUDIT) == 2);
            await().atMost(Duration.ofSeconds(10)).until(running.archiver::ready);
        }
        assertThat(Fixture.ids(postgres, ArchiveStream.FAULT)).containsExactlyElementsOf(before);
        assertThat(Fixture.rows(postgres, "")).isEqualTo(27);
        List<ArchivedEvent> audit = ArchiveQuery.of(ArchiveStream.AUDIT, Instant.EPOCH, Instant.now().plusSeconds(60))
                .oldestFirst().run(target);
        assertThat(audit).extracting(ArchivedEvent::kind).containsExactly("KILL_ON", "KILL_OFF");
        assertThat(audit).allSatisfy(e -> {
            assertThat(e.valid()).isTrue();
            assertThat(e.actor()).isEqualTo("ops:alice");
        });
        assertThat(audit.get(1).reason()).isEqualTo("drill over");
        assertThat(audit.get(0).fields()).containsEntry("event", "KILL_ON").containsKey("previous");
        try (UnifiedJedis client = Fixture.redis(redis.host(), redis.port()).open()) {
            assertThat(client.xpending(Fixture.SCHEMA.faultStream(), StreamGroup.GROUP).getTotal()).isZero();
        }
    }

    @Test
    void anEntryThatDoesNotDecodeIsStoredRawAndCounted(TestRedis redis, TestPostgres postgres) throws Exception {
        PostgresTarget target = Fixture.target(postgres);
        ArchiveMetrics metrics = new ArchiveMetrics("test");
        try (Jedis jedis = redis.connect()) {
            jedis.xadd(Fixture.SCHEMA.auditStream(), XAddParams.xAddParams(), Map.of("event", "NONSENSE", "x", "a\"b\\c\n\u0001"));
            jedis.xadd(Fixture.SCHEMA.faultStream(), XAddParams.xAddParams(), Map.of("garbage", "nul\u0000here"));
            jedis.xadd(Fixture.SCHEMA.auditStream(), XAddParams.xAddParams(), Fixture.audit(1));
        }
        try (UnifiedJedis client = Fixture.redis(redis.host(), redis.port()).open();
             Fixture.Running running = new Fixture.Running(Fixture.archiver(client, target, metrics, 10))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> metrics.events(ArchiveStream.AUDIT) == 2
                    && metrics.events(ArchiveStream.FAULT) == 1);
        }
        assertThat(Fixture.rows(postgres, "NOT valid")).isEqualTo(2);
        assertThat(metrics.collect().stream().filter(m -> m.getMetadata().getName()
                .equals("quantum_safety_archive_invalid_events")).findFirst().orElseThrow().getDataPoints())
                .extracting(p -> ((io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot) p)
                        .getValue()).containsExactly(1.0, 1.0);
        List<ArchivedEvent> raw = ArchiveQuery.of(ArchiveStream.AUDIT, Instant.EPOCH, Instant.now().plusSeconds(60))
                .oldestFirst().run(target);
        assertThat(raw.get(0).valid()).isFalse();
        assertThat(raw.get(0).kind()).isNull();
        assertThat(raw.get(0).fields()).containsEntry("event", "NONSENSE").containsEntry("x", "a\"b\\c\n\u0001");
        assertThat(raw.get(1).valid()).isTrue();
    }

    @Test
    void theQueryFiltersBySymbolAndReasonWithinTheRangeAndLimits(TestRedis redis, TestPostgres postgres)
            throws Exception {
        PostgresTarget target = Fixture.target(postgres);
        ArchiveMetrics metrics = new ArchiveMetrics("test");
        try (Jedis jedis = redis.connect()) {
            Fixture.addFaults(jedis, 70);
        }
        try (UnifiedJedis client = Fixture.redis(redis.host(), redis.port()).open();
             Fixture.Running running = new Fixture.Running(Fixture.archiver(client, target, metrics, 50))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> metrics.events(ArchiveStream.FAULT) == 70);
        }
        Instant far = Instant.now().plusSeconds(60);
        List<ArchivedEvent> sym3 = ArchiveQuery.of(ArchiveStream.FAULT, Instant.EPOCH, far).symbol("SYM3")
                .oldestFirst().run(target);
        assertThat(sym3).hasSize(10).allSatisfy(e -> assertThat(e.symbol()).isEqualTo("SYM3"));
        assertThat(sym3).isSortedAccordingTo((a, b) -> a.id().compareTo(b.id()));
        List<ArchivedEvent> newest = ArchiveQuery.of(ArchiveStream.FAULT, Instant.EPOCH, far)
                .reason("global_rate_exceeded").limit(5).newestFirst().run(target);
        assertThat(newest).hasSize(5);
        assertThat(newest.get(0).fields()).containsEntry("global_count", "69");
        assertThat(ArchiveQuery.of(ArchiveStream.FAULT, Instant.EPOCH, far).reason("other").run(target)).isEmpty();
        Instant justAfterFirst = sym3.get(0).time().plusMillis(1);
        assertThat(ArchiveQuery.of(ArchiveStream.FAULT, Instant.EPOCH, justAfterFirst).symbol("SYM3").run(target))
                .extracting(ArchivedEvent::id).contains(sym3.get(0).id());
        assertThat(Optional.of(ArchiveQuery.of(ArchiveStream.AUDIT, Instant.EPOCH, far).run(target))).get()
                .asList().isEmpty();
    }
}
