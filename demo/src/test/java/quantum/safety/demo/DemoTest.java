package quantum.safety.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;
import quantum.safety.process.LocalRedis;
import redis.clients.jedis.Jedis;

/** What the demo refuses before its flow starts comes out as {@link DemoInputException}, which the command exits 2 on. */
class DemoTest {

    private static final DemoSettings FAST = DemoSettings.builder().window(Duration.ofSeconds(1))
            .cooldown(Duration.ofSeconds(2)).globalMax(30).symbolMax(10).rate(6).threads(1).seed(7)
            .duration(Duration.ofSeconds(3)).statusEvery(Duration.ofMillis(500)).build();

    @Test
    void anExistingRedisInLiveModeIsRefusedUntouched() throws Exception {
        StringWriter out = new StringWriter();
        try (LocalRedis redis = LocalRedis.start(); Jedis jedis = redis.connect()) {
            jedis.set("quantum:mode", "LIVE");
            DemoRedisChoice existing = DemoRedisChoice.existing(RedisEndpoint.standalone(redis.host(), redis.port()),
                    RedisCredentials.none());

            assertThatThrownBy(() -> Demo.run(FAST, existing, DemoArchiveChoice.off(), "127.0.0.1:0",
                    new PrintWriter(out), false))
                    .isInstanceOf(DemoInputException.class)
                    .hasMessageContaining("quantum:mode=LIVE").hasMessageContaining("leave --redis.addr out");
            assertThat(jedis.keys("*")).containsExactly("quantum:mode");
        }
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aTakenPortIsRefusedNamingTheNextOne() throws Exception {
        StringWriter out = new StringWriter();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> Demo.run(FAST, DemoRedisChoice.local(DemoRedis.Server.AUTO),
                    DemoArchiveChoice.off(), "127.0.0.1:" + port, new PrintWriter(out), false))
                    .isInstanceOf(DemoInputException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + port)
                    .hasMessageContaining("--web.listen-address=127.0.0.1:" + (port + 1));
        }
        assertThat(out.toString()).isEmpty();
    }
}
