package quantum.safety.bench;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.SafetyOperations;
import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;
import quantum.safety.process.ChildProcess;
import quantum.safety.process.LocalPostgres;
import quantum.safety.process.LocalRedis;
import redis.clients.jedis.UnifiedJedis;

/**
 * The audit archive under a burst: {@code quantum-safety archive} from the runnable jar as its systemd unit starts it,
 * against a private Redis and a private PostgreSQL (fsync on, as a real one), fed a burst of audit events through the
 * kernel's own write path ({@link SafetyOperations}, the audited kill switch, 4 writers). It prints how fast the
 * burst was written, how fast it was archived (events committed per second from the burst's start), the lag (seconds
 * from the last event written until it was committed), and the archive's resident memory idle and during the burst.
 *
 * <p>Usage: {@code bench/run-archive.sh [events] [rounds]} (defaults 10000 3).
 */
public final class ArchiveBench {

    private static final Pattern AUDIT = Pattern.compile("(?m)^quantum_safety_archive_events_total\\{stream=\"audit\"} (\\S+)$");
    private static final Pattern LAG = Pattern.compile("(?m)^quantum_safety_archive_lag_seconds\\{stream=\"audit\"} (\\S+)$");
    private static final int WRITERS = 4;

    private ArchiveBench() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path jar = Path.of("cli/target/quantum-safety.jar");
        Path unit = Path.of("monitoring/systemd/quantum-safety-archive.service");
        try (LocalRedis redis = LocalRedis.start(); LocalPostgres postgres = LocalPostgres.start()) {
            System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, load average "
                    + MachineLine.loadAverage() + "; Redis " + MachineLine.redisVersion(redis) + "; PostgreSQL "
                    + postgres.source() + " binaries, fsync on; " + WRITERS + " writers; the archive's default "
                    + "batch size (500).");
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), LocalPostgres.SUPERUSER,
                    postgres.superuserPassword()); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE quantum_audit OWNER " + LocalPostgres.USER);
            }
            Path passwordFile = Files.createTempFile("archive-bench-", ".pw");
            Files.writeString(passwordFile, postgres.userPassword() + "\n");
            int port = LocalRedis.freePort();
            ChildProcess archive = UnitLaunch.start("the archive", unit, jar, redis,
                    List.of("--web.listen-address=127.0.0.1:" + port),
                    Map.of("QUANTUM_SAFETY_ARCHIVE_URL", "postgresql://" + LocalPostgres.USER + "@127.0.0.1:"
                            + postgres.port() + "/quantum_audit?sslmode=disable",
                            "QUANTUM_SAFETY_ARCHIVE_PASSWORD_FILE", passwordFile.toString()));
            URL metrics = URI.create("http://127.0.0.1:" + port + "/metrics").toURL();
            try (UnifiedJedis client = RedisConnector.to(RedisEndpoint.standalone(redis.host(), redis.port()),
                    RedisCredentials.none()).maxConnections(WRITERS + 1).open()) {
                archive.awaitReady("answer 200 on /-/ready", Duration.ofSeconds(60), Duration.ofMillis(50),
                        () -> status(URI.create("http://127.0.0.1:" + port + "/-/ready").toURL()) == 200);
                ResidentMemory.Phase idle = new ResidentMemory.Phase("ready, idle 5 s");
                for (int i = 0; i < 5; i++) {
                    idle.sample(metrics);
                    Thread.sleep(1000);
                }
                System.out.printf("%nround | events | written in s | written/s | committed after s | archived/s "
                        + "| lag of the last, s | max lag_seconds seen%n");
                ResidentMemory.Phase burst = new ResidentMemory.Phase("bursts of " + events + " events");
                double archived = 0;
                for (int round = 1; round <= rounds; round++) {
                    archived = round(round, events, client, metrics, archived, burst);
                }
                System.out.printf("%nphase | samples | RSS min MiB | RSS max MiB | RSS last MiB | load average at its end%n");
                System.out.println(idle.end().row());
                System.out.println(burst.end().row());
                storage(postgres, archived);
            } finally {
                System.out.println("archive stopped on SIGTERM within 30 s: " + archive.stop(Duration.ofSeconds(30)));
                Files.deleteIfExists(passwordFile);
            }
        }
    }

    private static double round(int round, int events, UnifiedJedis client, URL metrics, double before,
                                ResidentMemory.Phase memory) throws Exception {
        SafetyOperations ops = new SafetyOperations(client, RedisSchema.legacy());
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int share = events / WRITERS + (w < events % WRITERS ? 1 : 0);
            int writer = w;
            done.add(writers.submit(() -> {
                for (int i = 0; i < share; i++) {
                    if (i % 2 == 0) {
                        ops.engageKillSwitch("bench:writer-" + writer, "burst " + i);
                    } else {
                        ops.releaseKillSwitch("bench:writer-" + writer, "burst " + i);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        long written = System.nanoTime();
        writers.shutdown();
        double maxLag = 0;
        double target = before + events;
        long sampledAt = 0;
        while (true) {
            String text = body(metrics);
            double committed = value(AUDIT, text).orElse(0.0);
            maxLag = Math.max(maxLag, value(LAG, text).orElse(0.0));
            if (committed >= target) {
                break;
            }
            if (System.nanoTime() - sampledAt > 250_000_000L) {
                memory.sample(metrics);
                sampledAt = System.nanoTime();
            }
            Thread.sleep(5);
        }
        long committedAt = System.nanoTime();
        memory.sample(metrics);
        double writeSeconds = (written - start) / 1e9;
        double totalSeconds = (committedAt - start) / 1e9;
        System.out.printf("%d | %d | %.2f | %.0f | %.2f | %.0f | %.3f | %.1f%n", round, events, writeSeconds,
                events / writeSeconds, totalSeconds, events / totalSeconds, (committedAt - written) / 1e9, maxLag);
        return target;
    }

    /** What the archived events take on disk, tables and indexes of every partition, per event. */
    private static void storage(LocalPostgres postgres, double events) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("quantum_audit"), LocalPostgres.SUPERUSER,
                postgres.superuserPassword()); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT sum(pg_total_relation_size(relid)) FROM "
                     + "pg_partition_tree('quantum_safety.events')")) {
            rs.next();
            long bytes = rs.getLong(1);
            System.out.printf("%nstorage: %.1f MiB for %.0f events, %.0f bytes per event (tables and indexes)%n",
                    bytes / 1048576.0, events, bytes / events);
        }
    }

    private static Optional<Double> value(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }

    private static String body(URL url) throws Exception {
        HttpURLConnection conn = (HttpURLConnection) url.openConnection();
        try (InputStream in = conn.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int status(URL url) {
        try {
            HttpURLConnection conn = (HttpURLConnection) url.openConnection();
            return conn.getResponseCode();
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
