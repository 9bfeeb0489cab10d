package quantum.safety.kernel.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

import quantum.safety.kernel.log.RecordingLogger.Line;

class RateLimitedLogTest {

    private static final Duration MINUTE = Duration.ofSeconds(60);

    private final AtomicLong clock = new AtomicLong(1_000);

    @Test
    void logsTheFirstOccurrenceThenAtMostOncePerInterval() {
        RateLimitedLog log = new RateLimitedLog(new RecordingLogger(false), MINUTE, clock::get);

        assertThat(log.warn("redis", "no decision")).isTrue();
        for (int i = 0; i < 1000; i++) {
            assertThat(log.warn("redis", "no decision")).isFalse();
        }
        clock.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(log.warn("redis", "no decision")).isFalse();
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(log.warn("redis", "no decision")).isTrue();
        assertThat(log.warn("redis", "no decision")).isFalse();
    }

    @Test
    void eachTopicHasItsOwnIntervalAndSaysHowManyLinesItLeftOut() {
        RecordingLogger logger = new RecordingLogger(false);
        RateLimitedLog log = new RateLimitedLog(logger, MINUTE, clock::get);

        assertThat(log.warn("faults", "bad data")).isTrue();
        assertThat(log.warn("faults", "bad data")).isFalse();
        assertThat(log.warn("faults", "bad data")).isFalse();
        assertThat(log.warn("rate", "other problem")).isTrue();
        clock.addAndGet(MINUTE.toNanos());
        assertThat(log.warn("faults", "bad data")).isTrue();

        assertThat(logger.messages())
                .containsExactly("bad data", "other problem", "bad data (2 more since the last line)");
    }

    @Test
    void aCauseGoesOnTheSameLineAndItsStackTraceOnlyAtDebug() {
        RecordingLogger quiet = new RecordingLogger(false);
        RecordingLogger debug = new RecordingLogger(true);
        RuntimeException cause = new IllegalStateException("Redis is down\n(connection refused)");

        new RateLimitedLog(quiet, MINUTE, clock::get).warn("redis", "no decision", cause);
        new RateLimitedLog(quiet, MINUTE, clock::get).error("config", "cannot decide", cause);
        new RateLimitedLog(debug, MINUTE, clock::get).error("config", "cannot decide", cause);

        assertThat(quiet.lines).containsExactly(
                new Line(Level.WARN, "no decision: IllegalStateException Redis is down (connection refused)", null),
                new Line(Level.ERROR, "cannot decide: IllegalStateException Redis is down (connection refused)", null));
        assertThat(debug.lines).containsExactly(new Line(Level.ERROR, "cannot decide", cause));
    }

    @Test
    void manyThreadsAtOnceWriteOneLineAndTheNextCountsEveryOtherCall() throws Exception {
        RecordingLogger logger = new RecordingLogger(false);
        RateLimitedLog log = new RateLimitedLog(logger, MINUTE, clock::get);
        int threads = 4;
        int calls = 2_000;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> logged = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<Integer> caller = () -> {
                    start.await();
                    int lines = 0;
                    for (int i = 0; i < calls; i++) {
                        lines += log.warn("redis", "no decision") ? 1 : 0;
                    }
                    return lines;
                };
                logged.add(pool.submit(caller));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : logged) {
                total += f.get();
            }
            assertThat(total).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        clock.addAndGet(MINUTE.toNanos());
        log.warn("redis", "no decision");

        assertThat(logger.messages()).containsExactly("no decision",
                "no decision (" + (threads * calls - 1) + " more since the last line)");
    }

    @Test
    void describesAFailureOnOneLine() {
        assertThat(RateLimitedLog.describe(new IllegalStateException("a\nb"))).isEqualTo("IllegalStateException a b");
        assertThat(RateLimitedLog.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
    }
}
