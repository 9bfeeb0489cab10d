package quantum.safety.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RateLimitedLogTest {

    @Test
    void logsTheFirstOccurrenceThenAtMostOncePerInterval() {
        AtomicLong clock = new AtomicLong(1_000);
        RateLimitedLog log = new RateLimitedLog(LoggerFactory.getLogger(RateLimitedLogTest.class),
                Duration.ofSeconds(60), clock::get);
        RuntimeException cause = new IllegalStateException("Redis is down");

        assertThat(log.warn("no decision", cause)).isTrue();
        for (int i = 0; i < 1000; i++) {
            assertThat(log.warn("no decision", cause)).isFalse();
        }
        clock.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(log.warn("no decision", cause)).isFalse();
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(log.warn("no decision", cause)).isTrue();
        assertThat(log.warn("no decision", cause)).isFalse();
    }

    @Test
    void describesAFailureOnOneLine() {
        assertThat(RateLimitedLog.describe(new IllegalStateException("a\nb"))).isEqualTo("IllegalStateException a b");
    }
}
