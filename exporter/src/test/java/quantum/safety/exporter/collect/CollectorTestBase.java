package quantum.safety.exporter.collect;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import quantum.safety.exporter.TestExporters;
import quantum.safety.state.RedisFeatures;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;

/** A collector test: a real, empty Redis and a {@link CollectorHarness} on it, opened and closed around each test. */
@ExtendWith(RedisExtension.class)
abstract class CollectorTestBase {

    protected final TestRedis redis;
    private final RedisFeatures features;
    protected CollectorHarness harness;

    CollectorTestBase(TestRedis redis, RedisFeatures features) {
        this.redis = redis;
        this.features = features;
    }

    @BeforeEach
    void openHarness() {
        harness = new CollectorHarness(redis.host(), redis.port(), features, TestExporters.NOW_MILLIS);
    }

    @AfterEach
    void closeHarness() {
        harness.close();
    }
}
