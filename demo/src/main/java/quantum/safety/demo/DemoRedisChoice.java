package quantum.safety.demo;

import java.io.IOException;
import java.util.Optional;

import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;

/** Which Redis the demo uses, decided from the flags before anything starts. */
public record DemoRedisChoice(Optional<RedisEndpoint> existing, RedisCredentials credentials, DemoRedis.Server server) {

    public static DemoRedisChoice local(DemoRedis.Server server) {
        return new DemoRedisChoice(Optional.empty(), RedisCredentials.none(), server);
    }

    public static DemoRedisChoice existing(RedisEndpoint endpoint, RedisCredentials credentials) {
        return new DemoRedisChoice(Optional.of(endpoint), credentials, DemoRedis.Server.AUTO);
    }

    DemoRedis open() throws IOException {
        return existing.isPresent() ? DemoRedis.existing(existing.get(), credentials) : DemoRedis.startLocal(server);
    }
}
