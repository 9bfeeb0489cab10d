package quantum.safety.kernel.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import redis.clients.jedis.HostAndPort;

class RedisEndpointTest {

    @Test
    void parsesAStandaloneAddressWithDefaults() {
        RedisEndpoint e = RedisEndpoint.parse("redis://10.0.0.5");
        assertThat(e.topology()).isEqualTo(RedisEndpoint.Topology.STANDALONE);
        assertThat(e.primaryNode()).isEqualTo(new HostAndPort("10.0.0.5", 6379));
        assertThat(e.tls()).isFalse();
        assertThat(e.database()).isZero();
    }

    @Test
    void parsesTlsUserDatabaseAndIpv6() {
        RedisEndpoint e = RedisEndpoint.parse("rediss://exporter@[::1]:6380/2");
        assertThat(e.tls()).isTrue();
        assertThat(e.user()).contains("exporter");
        assertThat(e.primaryNode()).isEqualTo(new HostAndPort("::1", 6380));
        assertThat(e.database()).isEqualTo(2);
        assertThat(e).hasToString("rediss://exporter@[::1]:6380/2");
    }

    @Test
    void parsesSentinelWithMasterName() {
        RedisEndpoint e = RedisEndpoint.parse("redis+sentinel://s1:26379,s2/mymaster");
        assertThat(e.topology()).isEqualTo(RedisEndpoint.Topology.SENTINEL);
        assertThat(e.nodes()).containsExactly(new HostAndPort("s1", 26379), new HostAndPort("s2", 26379));
        assertThat(e.sentinelMaster()).contains("mymaster");
    }

    @Test
    void parsesClusterSeeds() {
        RedisEndpoint e = RedisEndpoint.parse("redis+cluster://a:7000,b:7001");
        assertThat(e.topology()).isEqualTo(RedisEndpoint.Topology.CLUSTER);
        assertThat(e.nodes()).hasSize(2);
    }

    @Test
    void refusesAPasswordInTheAddressWithoutRepeatingIt() {
        assertThatThrownBy(() -> RedisEndpoint.parse("redis://user:s3cret@host:6379"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("REDIS_PASSWORD")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void refusesUnknownSchemesAndBadPortsClearly() {
        assertThatThrownBy(() -> RedisEndpoint.parse("http://host")).hasMessageContaining("scheme 'http'");
        assertThatThrownBy(() -> RedisEndpoint.parse("localhost:6379")).hasMessageContaining("no scheme");
        assertThatThrownBy(() -> RedisEndpoint.parse("redis+sentinel://s1")).hasMessageContaining("names no master");
        assertThatThrownBy(() -> RedisEndpoint.parse("redis://h/x")).hasMessageContaining("database 'x'");
    }

    @Test
    void credentialsNeverPrintThePassword() {
        assertThat(RedisCredentials.ofPassword("s3cret").toString()).doesNotContain("s3cret");
        assertThat(RedisCredentials.ofPassword("").isPresent()).isFalse();
    }
}
