package quantum.safety.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;

import quantum.safety.process.ChildProcess;
import quantum.safety.process.LocalRedis;
import redis.clients.jedis.Jedis;

/**
 * One master, one replica and three {@code redis-sentinel} processes on loopback, with short detection times
 * ({@code down-after-milliseconds 1000}, {@code failover-timeout 3000}), quorum 2.
 */
final class SentinelGroup implements AutoCloseable {

    static final String MASTER = "mymaster";

    final LocalRedis master;
    final LocalRedis replica;
    private final List<ChildProcess> sentinels = new ArrayList<>();
    private final List<Integer> sentinelPorts = new ArrayList<>();
    private final Path dir;

    SentinelGroup() throws IOException {
        dir = Files.createTempDirectory("quantum-sentinel-");
        master = LocalRedis.start();
        replica = LocalRedis.start("--replicaof", "127.0.0.1", String.valueOf(master.port()));
        try {
            for (int i = 0; i < 3; i++) {
                int port = LocalRedis.freePort();
                Path conf = dir.resolve("sentinel-" + port + ".conf");
                Files.writeString(conf, String.join("\n",
                        "port " + port, "bind 127.0.0.1", "protected-mode no", "daemonize no",
                        "dir " + dir, "logfile " + dir.resolve("sentinel-" + port + ".log"),
                        "sentinel monitor " + MASTER + " 127.0.0.1 " + master.port() + " 2",
                        "sentinel down-after-milliseconds " + MASTER + " 1000",
                        "sentinel failover-timeout " + MASTER + " 3000",
                        "sentinel parallel-syncs " + MASTER + " 1", ""));
                Path out = dir.resolve("sentinel-" + port + ".out");
                ChildProcess sentinel = ChildProcess.start("redis-sentinel on " + port, new ProcessBuilder(
                        "redis-sentinel", conf.toString()).redirectErrorStream(true).redirectOutput(out.toFile()),
                        new ChildProcess.Output(List.of(dir.resolve("sentinel-" + port + ".log"), out), 10, "\n"));
                sentinels.add(sentinel);
                sentinelPorts.add(port);
                sentinel.awaitReady("answer PING", Duration.ofSeconds(15), Duration.ofMillis(20), () -> ping(port));
            }
            // Ready when every sentinel knows the replica and the two other sentinels: a failover needs both.
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(this::settled);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private static boolean ping(int port) {
        try (Jedis s = new Jedis("127.0.0.1", port)) {
            return "PONG".equals(s.ping());
        }
    }

    private boolean settled() {
        for (int port : sentinelPorts) {
            try (Jedis s = new Jedis("127.0.0.1", port)) {
                var info = s.sentinelMasters().get(0);
                if (!"1".equals(info.get("num-slaves")) || !"2".equals(info.get("num-other-sentinels"))) {
                    return false;
                }
            } catch (RuntimeException e) {
                return false;
            }
        }
        try (Jedis r = replica.connect()) {
            return r.info("replication").contains("master_link_status:up");
        }
    }

    /** {@code redis+sentinel://127.0.0.1:A,127.0.0.1:B,127.0.0.1:C/mymaster}. */
    String uri() {
        return "redis+sentinel://" + sentinelPorts.stream().map(p -> "127.0.0.1:" + p)
                .collect(Collectors.joining(",")) + "/" + MASTER;
    }

    /**
     * The master's {@code host:port} as every sentinel announces it now (what a client resolving
     * {@code redis+sentinel://…/mymaster} gets), or "" while they disagree.
     */
    String masterAddress() {
        Set<String> announced = new HashSet<>();
        for (int port : sentinelPorts) {
            try (Jedis s = new Jedis("127.0.0.1", port)) {
                List<String> address = s.sentinelGetMasterAddrByName(MASTER);
                announced.add(address.get(0) + ":" + address.get(1));
            }
        }
        return announced.size() == 1 ? announced.iterator().next() : "";
    }

    static String address(LocalRedis node) {
        return node.host() + ":" + node.port();
    }

    /** What the server says it is ({@code ROLE}): "master" or "slave". */
    static String role(LocalRedis node) {
        try (Jedis jedis = node.connect()) {
            Object role = jedis.role().get(0);
            return role instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                    : String.valueOf(role);
        }
    }

    void failover() {
        try (Jedis s = new Jedis("127.0.0.1", sentinelPorts.get(0))) {
            s.sentinelFailover(MASTER);
        }
    }

    @Override
    public void close() {
        sentinels.forEach(sentinel -> sentinel.stop(Duration.ofSeconds(10)));
        if (replica != null) {
            replica.close();
        }
        master.close();
        ChildProcess.deleteQuietly(dir);
    }
}
