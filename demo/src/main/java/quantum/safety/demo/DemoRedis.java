package quantum.safety.demo;

import java.io.IOException;
import java.util.Optional;

import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;
import quantum.safety.process.LocalRedis;

/**
 * The demo's Redis: a private server started for the run (from PATH, else the Redis 6.2 binary of the embedded-redis
 * artifact) and removed with its files on {@link #close()}, or an existing one given by address, left as it is.
 */
public final class DemoRedis implements AutoCloseable {

    /** Which binary a private server comes from. */
    public enum Server { AUTO, PATH, EMBEDDED }

    private final Optional<LocalRedis> local;
    private final RedisEndpoint endpoint;
    private final RedisCredentials credentials;

    private DemoRedis(Optional<LocalRedis> local, RedisEndpoint endpoint, RedisCredentials credentials) {
        this.local = local;
        this.endpoint = endpoint;
        this.credentials = credentials;
    }

    static DemoRedis startLocal(Server server) throws IOException {
        Optional<LocalRedis.Source> source = switch (server) {
            case AUTO -> Optional.empty();
            case PATH -> Optional.of(LocalRedis.Source.PATH);
            case EMBEDDED -> Optional.of(LocalRedis.Source.EMBEDDED);
        };
        LocalRedis redis = LocalRedis.start(source);
        return new DemoRedis(Optional.of(redis), RedisEndpoint.standalone(redis.host(), redis.port()),
                RedisCredentials.none());
    }

    static DemoRedis existing(RedisEndpoint endpoint, RedisCredentials credentials) {
        return new DemoRedis(Optional.empty(), endpoint, credentials);
    }

    RedisEndpoint endpoint() {
        return endpoint;
    }

    RedisCredentials credentials() {
        return credentials;
    }

    /** The address to give other commands, e.g. {@code redis://127.0.0.1:41233}. */
    String address() {
        return local.map(LocalRedis::uri).orElseGet(endpoint::toString);
    }

    /** One line: where the server comes from and what happens to it at the end. */
    String describe() {
        return local.map(r -> switch (r.source()) {
                    case PATH -> "redis-server from PATH, private to this run; stopped and removed on exit";
                    case EMBEDDED -> "Redis 6.2 from the embedded-redis artifact, private to this run; stopped and "
                            + "removed on exit";
                })
                .orElse("an existing Redis, given by --redis.addr; left running, demo keys stay");
    }

    boolean isLocal() {
        return local.isPresent();
    }

    @Override
    public void close() {
        local.ifPresent(LocalRedis::close);
    }
}
