package quantum.safety.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

class RateLimitedLogTest {

    @Test
    void aRecurringProblemIsLoggedOncePerIntervalWithTheCountOfWhatWasSwallowed() {
        Logger logger = (Logger) LoggerFactory.getLogger("rate-limited-log-test");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        AtomicLong now = new AtomicLong();
        RateLimitedLog log = new RateLimitedLog(logger, Duration.ofSeconds(60), now::get);

        assertThat(log.warn("faults", "bad data")).isTrue();
        assertThat(log.warn("faults", "bad data")).isFalse();
        assertThat(log.warn("faults", "bad data")).isFalse();
        assertThat(log.warn("rate", "other problem")).isTrue();
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        assertThat(log.warn("faults", "bad data")).isTrue();

        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("bad data", "other problem", "bad data (2 similar messages suppressed)");
    }
}
