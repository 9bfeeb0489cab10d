package quantum.safety.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Response;

class RedisClockTest extends StateTestBase {

    @Test
    void aTimeReplyOnAPipelineIsTheServersMilliseconds() {
        long before;
        try (Jedis jedis = jedis()) {
            List<String> time = jedis.time();
            before = Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
        }
        Response<Object> reply;
        try (AbstractPipeline pipeline = client.pipelined()) {
            reply = RedisClock.queue(pipeline);
            pipeline.sync();
        }
        assertThat(RedisClock.millis(reply.get()).orElseThrow()).isGreaterThanOrEqualTo(before);
    }

    @Test
    void anythingElseIsNoTime() {
        assertThat(RedisClock.millis(null)).isEmpty();
        assertThat(RedisClock.millis("OK")).isEmpty();
        assertThat(RedisClock.millis(List.of(bytes("12")))).isEmpty();
        assertThat(RedisClock.millis(List.of(bytes("12"), bytes("x")))).isEmpty();
        assertThat(RedisClock.millis(List.of(bytes("1768791600"), bytes("123456")))).hasValue(1_768_791_600_123L);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
