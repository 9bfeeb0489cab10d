package quantum.safety.exporter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private final AtomicLong now = new AtomicLong();
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(400), now::get);

    private void advance(long millis) {
        now.addAndGet(Duration.ofMillis(millis).toNanos());
    }

    @Test
    void attemptsAreAllowedUntilAFailure() {
        assertThat(backoff.mayAttempt()).isTrue();
        backoff.failed();
        assertThat(backoff.mayAttempt()).isFalse();
        advance(100);
        assertThat(backoff.mayAttempt()).isTrue();
    }

    @Test
    void theWaitDoublesUpToTheMaximumAndResetsOnSuccess() {
        backoff.failed();
        assertThat(backoff.remaining()).isEqualTo(Duration.ofMillis(100));
        advance(100);
        backoff.failed();
        assertThat(backoff.remaining()).isEqualTo(Duration.ofMillis(200));
        advance(200);
        backoff.failed();
        assertThat(backoff.remaining()).isEqualTo(Duration.ofMillis(400));
        advance(400);
        backoff.failed();
        assertThat(backoff.remaining()).isEqualTo(Duration.ofMillis(400));
        backoff.succeeded();
        assertThat(backoff.mayAttempt()).isTrue();
        backoff.failed();
        assertThat(backoff.remaining()).isEqualTo(Duration.ofMillis(100));
    }
}
