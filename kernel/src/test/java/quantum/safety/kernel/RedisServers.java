package quantum.safety.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;

import quantum.safety.process.LocalRedis;
import redis.clients.jedis.Jedis;

/**
 * The two Redis versions the kernel must work on, shared by the parameterized tests of this JVM: Redis 7.x from
 * PATH (when installed; always in CI) and the embedded Redis 6.2. Tests reach them through {@link KernelFixture},
 * which flushes the server first.
 */
final class RedisServers {

    private static final Map<LocalRedis.Source, LocalRedis> STARTED = new EnumMap<>(LocalRedis.Source.class);

    private RedisServers() {
    }

    /**
     * A shared server. Not {@link AutoCloseable} on purpose: JUnit closes closeable arguments after each test,
     * and these servers live for the whole JVM.
     */
    record Server(LocalRedis redis) {
    }

    /** Arguments for {@code @MethodSource("quantum.safety.kernel.RedisServers#both")}. */
    static Stream<Named<Server>> both() {
        List<Named<Server>> servers = new ArrayList<>();
        if (LocalRedis.findOnPath("redis-server").isPresent()) {
            servers.add(named(LocalRedis.Source.PATH));
        }
        servers.add(named(LocalRedis.Source.EMBEDDED));
        return servers.stream();
    }

    /** Which sources {@link #both()} offers: a private server per test uses the same list. */
    static Stream<Named<LocalRedis.Source>> sources() {
        List<Named<LocalRedis.Source>> sources = new ArrayList<>();
        if (LocalRedis.findOnPath("redis-server").isPresent()) {
            sources.add(Named.of("redis 7.x (PATH)", LocalRedis.Source.PATH));
        }
        sources.add(Named.of("redis 6.2 (embedded)", LocalRedis.Source.EMBEDDED));
        return sources.stream();
    }

    private static synchronized Named<Server> named(LocalRedis.Source source) {
        LocalRedis redis = STARTED.computeIfAbsent(source, RedisServers::start);
        try (Jedis jedis = redis.connect()) {
            return Named.of("redis " + version(jedis), new Server(redis));
        }
    }

    private static LocalRedis start(LocalRedis.Source source) {
        try {
            LocalRedis redis = LocalRedis.start(Optional.of(source));
            Runtime.getRuntime().addShutdownHook(new Thread(redis::close));
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String version(Jedis jedis) {
        for (String line : jedis.info("server").split("\r?\n")) {
            if (line.startsWith("redis_version:")) {
                return line.substring("redis_version:".length()).trim();
            }
        }
        return "unknown";
    }
}
