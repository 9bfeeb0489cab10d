package quantum.safety.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import quantum.safety.exporter.BuildIdentity;
import quantum.safety.exporter.ExporterConfig;
import quantum.safety.exporter.ExporterServer;
import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;
import quantum.safety.process.LocalRedis;

/** Secrets: what a log reader or a prober can get out of the exporter. */
@Tag("reliability")
class SecurityTest {

    @Test
    void theRedisPasswordNeverAppearsInLogsMetricsOrErrors() throws Exception {
        String secret = "s3cret-" + System.nanoTime();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try (LocalRedis redis = LocalRedis.start()) {
            RedisConnector wrong = RedisConnector.to(RedisEndpoint.parse(redis.uri()), RedisCredentials.ofPassword(secret))
                    .connectTimeout(Duration.ofMillis(300)).socketTimeout(Duration.ofMillis(500));
            try (ExporterServer exporter = ExporterServer.start(ExporterConfig.builder(wrong)
                    .listenAddresses(java.util.List.of("127.0.0.1:0")).runtimeMetrics(false)
                    .build(new BuildIdentity("t", "t", "t")).build())) {
                StringBuilder seen = new StringBuilder();
                for (int i = 0; i < 3; i++) {
                    Web.Answer a = Web.get(Fixtures.metricsUrl(exporter));
                    assertThat(a.status()).isEqualTo(200);
                    seen.append(a.body());
                    seen.append(Web.get("http://127.0.0.1:" + exporter.port() + "/").body());
                    seen.append(Web.get("http://127.0.0.1:" + exporter.port() + "/-/ready").body());
                }
                assertThat(Metrics.parse(Web.get(Fixtures.metricsUrl(exporter)).body()).value("quantum_safety_redis_up"))
                        .isZero();
                for (ILoggingEvent e : logs.list) {
                    seen.append(e.getFormattedMessage());
                    if (e.getThrowableProxy() != null) {
                        seen.append(e.getThrowableProxy().getMessage());
                    }
                }
                assertThat(seen.toString()).doesNotContain(secret);
                assertThat(String.join(" ", ProcessHandle.current().info().arguments().orElse(new String[0])))
                        .doesNotContain(secret);
                Results.record(new Results.Row("5.2", "Wrong Redis password (from the environment, not argv)",
                        "the password appears in no log line, no /metrics, landing page or readiness answer, no argv",
                        "n/a", "0 (redis_up 0)", "n/a", "n/a", "pass: " + logs.list.size() + " log lines checked"));
            }
        } finally {
            root.detachAppender(logs);
        }
    }
}
