package quantum.safety.kernel;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;
import quantum.safety.process.LocalRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

/** One row's world: its own Redis, an admin connection, the kernel's client (one connection) and the kernel. */
final class FaultMatrixEnv implements AutoCloseable {
    final LocalRedis server;
    final Jedis raw;
    final FailPolicy policy;
    UnifiedJedis client;
    SafetyKernel kernel;
    Map<String, String> before = Map.of();
    private long bucket = -1;

    FaultMatrixEnv(FaultMatrixTest.Hostile hostile, FailPolicy policy) throws IOException {
        this.server = LocalRedis.start(hostile.source(), hostile.serverArgs().toArray(String[]::new));
        this.policy = policy;
        this.raw = server.connect();
        boolean password = hostile.serverArgs().contains("--requirepass");
        if (password) {
            raw.auth("right-password");
        }
        useClient(RedisEndpoint.standalone(server.host(), server.port()),
                password ? RedisCredentials.ofPassword("right-password") : RedisCredentials.none());
    }

    private void useClient(RedisEndpoint endpoint, RedisCredentials credentials) {
        if (client != null) {
            kernel.close();
            client.close();
        }
        // The service's own way to open the kernel's client, with one connection so a row can exhaust it.
        this.client = RedisConnector.to(endpoint, credentials).maxConnections(1).forDecisions(FaultMatrixTest.DEADLINE).open();
        this.kernel = SafetyKernel.create(KernelConfig.builder().kernelId("matrix").windowSeconds(3600)
                .globalMax(2).symbolMax(100).cooldownSeconds(10).escalateCooldown(true).maxCooldownSeconds(40)
                .reduceOnlySymbolMax(2).failPolicy(policy).decisionTimeout(FaultMatrixTest.DEADLINE).build(), client,
                RedisSchema.legacy());
    }

    /** The kernel now authenticates with {@code password} ({@code null}: none); returns a no-op undo. */
    Runnable password(String password) {
        useClient(RedisEndpoint.standalone(server.host(), server.port()),
                password == null ? RedisCredentials.none() : RedisCredentials.ofPassword(password));
        return () -> { };
    }

    Runnable user(String user, String password) {
        useClient(RedisEndpoint.parse("redis://" + user + "@" + server.host() + ":" + server.port()),
                RedisCredentials.ofPassword(password));
        return () -> { };
    }

    /** Pauses every client for {@code millis}, longer than the deadline; the undo waits for the pause to end. */
    Runnable pause(long millis) {
        raw.clientPause(millis);
        return () -> await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> raw.ping().equals("PONG"));
    }

    /** Another thread holds the kernel client's only connection in a blocking command. */
    Runnable holdTheOnlyConnection() {
        CompletableFuture<Object> holding = CompletableFuture.supplyAsync(() -> client.blpop(20, "test:hold"));
        await().atMost(Duration.ofSeconds(20)).until(() -> raw.clientList().contains("cmd=blpop"));
        return () -> {
            raw.rpush("test:hold", "release");
            holding.join();
        };
    }

    /** Another client runs a script that never ends; past lua-time-limit every other client gets BUSY. */
    Runnable busyScript() {
        // Connected before the script runs: a new connection's handshake would itself be refused with BUSY.
        Jedis killer = server.connect();
        killer.ping();
        Jedis other = server.connect();
        other.ping();
        CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
            try {
                return other.eval("local n = 0 while true do n = n + 1 end");
            } catch (RuntimeException e) {
                return e;
            }
        });
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            try {
                killer.ping();
                return false;
            } catch (redis.clients.jedis.exceptions.JedisBusyException e) {
                return true;
            }
        });
        return () -> {
            killer.scriptKill();
            running.join();
            killer.close();
            other.close();
        };
    }

    /** One decision before the hostile state, so the kernel has read the flags and loaded its script. */
    void prime() {
        kernel.decide(Intent.of("ETHUSDT", "BUY"));
        snapshot();
    }

    /** Remembers the fleet counters as they are now. */
    void snapshot() {
        before = raw.hgetAll("quantum:safety:decisions");
    }

    /** The current one-hour bucket of the server's clock. */
    long bucket() {
        if (bucket < 0) {
            bucket = Long.parseLong(raw.time().get(0)) / 3600;
        }
        return bucket;
    }

    @Override
    public void close() {
        kernel.close();
        client.close();
        raw.close();
        server.close();
    }
}
