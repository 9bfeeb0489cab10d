package quantum.safety.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import quantum.safety.exporter.ExporterServer;
import quantum.safety.exporter.Http;
import quantum.safety.exporter.Seed;
import quantum.safety.exporter.TestExporters;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;

@ExtendWith(RedisExtension.class)
class LandingPageTest {

    @Test
    void theLandingPageNamesTheExporterLinksTheMetricsAndSummarisesTheSafetyState(TestRedis redis) {
        try (Jedis jedis = redis.connect()) {
            jedis.set(Seed.SCHEMA.safeMode(), "1");
            jedis.set(Seed.SCHEMA.killSwitch(), "1");
            jedis.set(Seed.SCHEMA.executionMode(), "TESTNET");
        }
        try (ExporterServer server = TestExporters.start(redis.host(), redis.port())) {
            HttpResponse<String> page = Http.get("http://127.0.0.1:" + server.port() + "/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.body())
                    .contains("<h1>Quantum Safety exporter</h1>")
                    .contains("Version 0.1.0-test (git abc1234)")
                    .contains("<a href=\"metrics\">")
                    .contains("ON, latched")
                    .contains("ENGAGED")
                    .contains("TESTNET")
                    .doesNotContain("http://", "https://");
        }
    }

    @Test
    void theLandingPageSaysUnknownWhenRedisIsDownAndOtherPathsAre404() throws Exception {
        try (ExporterServer server = TestExporters.start("127.0.0.1", quantum.safety.testkit.LocalRedis.freePort())) {
            HttpResponse<String> page = Http.get("http://127.0.0.1:" + server.port() + "/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("DOWN").contains("unknown");
            assertThat(Http.get("http://127.0.0.1:" + server.port() + "/nope").statusCode()).isEqualTo(404);
        }
    }
}
