package quantum.safety.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import quantum.safety.kernel.log.RateLimitedLog;
import quantum.safety.kernel.log.RecordingLogger;
import redis.clients.jedis.UnifiedJedis;

/** Every kernel keeps the settings it decides with in Redis, under its kernel id, without ever holding up a decision. */
class SettingsPublicationTest {

    private static final String BOTH = "quantum.safety.kernel.RedisServers#both";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void aNewKernelPublishesItsSettingsWithALifetimeOnTheServersClock(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            SafetyKernel kernel = f.kernel(b -> b.kernelId("router-1").windowSeconds(5).globalMax(30).symbolMax(10));

            await().atMost(WAIT).until(() -> f.raw.hexists(f.schema.kernelSettings(), "router-1"));

            PublishedSettings read = PublishedSettings.parse("router-1",
                    f.raw.hget(f.schema.kernelSettings(), "router-1"));
            assertThat(read.windowSeconds()).isEqualTo(5);
            assertThat(read.globalMax()).isEqualTo(30);
            assertThat(read.symbolMax()).isEqualTo(10);
            assertThat(read.version()).isEqualTo(PublishedSettings.LIBRARY_VERSION).isNotEqualTo("unknown");
            assertThat(read.expiresAt() - read.publishedAt()).isEqualTo(SettingsPublisher.TTL.toSeconds());
            assertThat(read.publishedAt()).isCloseTo(f.serverTime(), org.assertj.core.api.Assertions.within(5L));
            assertThat(f.raw.ttl(f.schema.kernelSettings())).isBetween(1L, SettingsPublisher.TTL.toSeconds());
            assertThat(kernel.settingsPublication().failures()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void eachPublicationDropsEntriesWhoseTimeHasPassedAndKeepsTheLiveOnes(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            long now = f.serverTime();
            String key = f.schema.kernelSettings();
            f.raw.hset(key, Map.of("crashed", "window_sec=10 expires_at=" + (now - 1),
                    "garbled", "no expiry at all",
                    "alive", "window_sec=10 expires_at=" + (now + 50)));
            SafetyKernel kernel = f.kernel(b -> b.kernelId("fresh"));

            assertThat(kernel.publishSettings()).isTrue();

            assertThat(f.raw.hkeys(key)).containsExactlyInAnyOrder("alive", "fresh");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void theEntryIsRefreshedInTheBackground(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            KernelConfig config = KernelConfig.builder().kernelId("refreshing").build();
            RateLimitedLog log = new RateLimitedLog(org.slf4j.LoggerFactory.getLogger("test"), Duration.ofMinutes(1));
            try (SettingsPublisher publisher = SettingsPublisher.start(f.client, f.schema, config, log,
                    Duration.ofMillis(20))) {
                await().atMost(WAIT).until(() -> publisher.stats().published() >= 3);
                f.raw.del(f.schema.kernelSettings());

                await().atMost(WAIT).until(() -> f.raw.hexists(f.schema.kernelSettings(), "refreshing"));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void closingTheKernelRemovesItsEntryAndStopsPublishingWhileDecisionsGoOn(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            SafetyKernel leaving = f.kernel(b -> b.kernelId("leaving"));
            SafetyKernel staying = f.kernel(b -> b.kernelId("staying"));
            assertThat(leaving.publishSettings()).isTrue();
            assertThat(staying.publishSettings()).isTrue();

            leaving.close();

            assertThat(f.raw.hkeys(f.schema.kernelSettings())).containsExactly("staying");
            assertThat(leaving.publishSettings()).isFalse();
            assertThat(f.raw.hkeys(f.schema.kernelSettings())).containsExactly("staying");
            assertThat(leaving.decide(Intent.of("BTCUSDT", "BUY")).reason()).isEqualTo(Reason.OK);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void aKeyOfAnotherTypeFailsThePublicationOnlyCountedAndDecisionsAreUntouched(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            f.raw.set(f.schema.kernelSettings(), "not a hash");
            SafetyKernel kernel = f.kernel();

            assertThat(kernel.publishSettings()).isFalse();
            Decision decision = kernel.decide(Intent.of("BTCUSDT", "BUY"));

            assertThat(decision.reason()).isEqualTo(Reason.OK);
            assertThat(kernel.settingsPublication().failures()).isPositive();
            assertThat(f.raw.get(f.schema.kernelSettings())).isEqualTo("not a hash");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void refusedPublicationsAreEachCountedAndLoggedOncePerInterval(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            f.raw.set(f.schema.kernelSettings(), "not a hash");
            RecordingLogger logger = new RecordingLogger(false);
            RateLimitedLog log = new RateLimitedLog(logger, Duration.ofHours(1));
            try (SettingsPublisher publisher = SettingsPublisher.start(f.client, f.schema,
                    KernelConfig.builder().kernelId("refused").build(), log, Duration.ofHours(1))) {
                for (int i = 0; i < 3; i++) {
                    assertThat(publisher.publish()).isFalse();
                }

                // The first publication ran on the background thread as the publisher started.
                await().atMost(WAIT).until(() -> publisher.stats().failures() == 4);
                assertThat(publisher.stats().published()).isZero();
                assertThat(logger.messages()).singleElement().asString().contains("could not be published to "
                        + f.schema.kernelSettings(), "WRONGTYPE");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void aKernelWhoseClientWasClosedStopsForGoodWithoutCountingFailures(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            UnifiedJedis client = KernelFixture.client(f.server, KernelFixture.TEST_DECISION_TIMEOUT);
            SafetyKernel kernel = SafetyKernel.create(KernelConfig.builder().kernelId("dropped")
                    .decisionTimeout(KernelFixture.TEST_DECISION_TIMEOUT).build(), client,
                    f.schema);
            client.close();

            assertThat(kernel.publishSettings()).isFalse();

            assertThat(kernel.settingsPublication().failures()).isZero();
            f.raw.del(f.schema.kernelSettings());
            assertThat(kernel.publishSettings()).isFalse();
            assertThat(f.raw.exists(f.schema.kernelSettings())).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void aHashTaggedPrefixKeepsTheEntryInTheKernelsSlot(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server, RedisSchema.withPrefix("{quantum}:"))) {
            assertThat(f.kernel(b -> b.kernelId("tagged")).publishSettings()).isTrue();

            assertThat(f.raw.hkeys("{quantum}:safety:kernels")).containsExactly("tagged");
            assertThat(f.raw.exists("quantum:safety:kernels")).isFalse();
        }
    }
}
