package quantum.safety.cli.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import quantum.safety.archive.ArchiveMetrics;
import quantum.safety.archive.ArchiveStream;
import quantum.safety.archive.Archiver;
import quantum.safety.archive.PostgresTarget;
import quantum.safety.cli.Main;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;
import quantum.safety.testkit.PostgresExtension;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestPostgres;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XTrimParams;

/**
 * {@code ctl faults} over a range the trimmed stream no longer covers, on a real Redis and a real PostgreSQL filled by
 * the real archiver: A1…A4 archived, of which the stream was then trimmed down to A4; S1 and S2 written to the stream
 * after the archiver stopped. So A1–A3 are only in the archive, A4 in both, S1 and S2 only in the stream.
 */
@ExtendWith({RedisExtension.class, PostgresExtension.class})
class FaultsArchiveTest {

    private static final RedisSchema SCHEMA = RedisSchema.legacy();
    private static final long MINUTE = 60_000;

    private final List<String> archiveFlags = new ArrayList<>();
    private TestRedis redis;
    private TestPostgres postgres;
    private long now;

    @TempDir
    Path dir;

    /** Takes the test's own database as a parameter here, not in the constructor: one database per test. */
    @BeforeEach
    void archiveThenTrim(TestRedis redis, TestPostgres postgres) throws Exception {
        this.redis = redis;
        this.postgres = postgres;
        try (Jedis jedis = redis.connect()) {
            List<String> time = jedis.time();
            now = Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
        }
        add(300, "A1", "BTCUSDT");
        add(240, "A2", "ETHUSDT");
        add(180, "A3", "BTCUSDT");
        add(120, "A4", "BTCUSDT");
        PostgresTarget target = PostgresTarget.resolve(postgres.uri() + "?sslmode=disable", false, null,
                Map.of("PGPASSWORD", postgres.password()));
        ArchiveMetrics metrics = new ArchiveMetrics("test");
        try (UnifiedJedis client = RedisConnector.to(RedisEndpoint.standalone(redis.host(), redis.port()),
                RedisCredentials.none()).open()) {
            Archiver archiver = new Archiver(client, SCHEMA, target, metrics, 100, Duration.ofMillis(100));
            Thread thread = new Thread(archiver, "test-archiver");
            thread.start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> metrics.events(ArchiveStream.FAULT) == 4);
            } finally {
                archiver.stop();
                thread.join(60_000);
            }
        }
        try (Jedis jedis = redis.connect()) {
            jedis.xtrim(SCHEMA.faultStream(), XTrimParams.xTrimParams().minId(String.valueOf(now - 120 * MINUTE)));
            assertThat(jedis.xlen(SCHEMA.faultStream())).isEqualTo(1);
        }
        add(30, "S1", "ETHUSDT");
        add(20, "S2", "BTCUSDT");
        Path passwordFile = Files.writeString(dir.resolve("pg.pw"), postgres.password() + "\n");
        archiveFlags.addAll(List.of("--archive.url=" + postgres.uri() + "?sslmode=disable",
                "--archive.password-file=" + passwordFile));
    }

    private void add(long minutesAgo, String name, String symbol) {
        try (Jedis jedis = redis.connect()) {
            jedis.xadd(SCHEMA.faultStream(), new StreamEntryID(now - minutesAgo * MINUTE, 0), Map.of("reason",
                    "SYMBOL_RATE_EXCEEDED", "symbol", symbol, "side", "BUY", "kernel_id", name));
        }
    }

    private Ctl.Run faults(String... args) {
        List<String> all = new ArrayList<>(List.of("faults"));
        all.addAll(List.of(args));
        all.addAll(archiveFlags);
        return Ctl.run(redis.uri(), all.toArray(String[]::new));
    }

    /** The kernel ids of the listed faults, in printed order. */
    private static List<String> names(String out) {
        return out.lines().map(l -> l.replaceAll(".*\"kernel_id\":\"([A-Z0-9]+)\".*", "$1"))
                .filter(l -> l.matches("[AS]\\d")).toList();
    }

    @Test
    void theRangeReadsAsOneListOldestFirstWithTheOverlapOnce() {
        Ctl.Run json = faults("--since", "6h", "--json");
        Ctl.Run table = faults("--since", "6h");

        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(names(json.out())).containsExactly("A1", "A2", "A3", "A4", "S1", "S2");
        assertThat(json.out().lines().filter(l -> l.contains("\"source\":\"archive\""))).hasSize(3);
        assertThat(json.err()).isEmpty();
        assertThat(table.out()).contains("6 faults in the last 6h 0m 0s; 3 from the audit archive")
                .contains("(archive)");
        assertThat(table.out().lines().filter(l -> l.endsWith("(archive)"))).hasSize(3);
    }

    @Test
    void aRangeOlderThanTheWholeStreamComesFromTheArchiveAlone() {
        Ctl.Run run = faults("--since", "6h", "--until", "150m", "--json");

        assertThat(run.exitCode()).isZero();
        assertThat(names(run.out())).containsExactly("A1", "A2", "A3");
    }

    @Test
    void filtersAndTheLimitApplyToTheUnion() {
        Ctl.Run btc = faults("--since", "6h", "--symbol", "BTCUSDT", "--json");
        Ctl.Run newest4 = faults("--since", "6h", "--limit", "4", "--json");
        Ctl.Run newestBtc2 = faults("--since", "6h", "--symbol", "BTCUSDT", "--limit", "3", "--json");

        assertThat(names(btc.out())).containsExactly("A1", "A3", "A4", "S2");
        assertThat(names(newest4.out())).containsExactly("A3", "A4", "S1", "S2");
        assertThat(names(newestBtc2.out())).containsExactly("A3", "A4", "S2");
    }

    @Test
    void anArchiveThatDoesNotAnswerPrintsTheStreamPartAndFails() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        archiveFlags.set(0, "--archive.url=postgresql://" + postgres.user() + "@127.0.0.1:" + closed + "/"
                + postgres.database() + "?sslmode=disable&connect_timeout=2");

        Ctl.Run run = faults("--since", "6h", "--json");
        Ctl.Run covered = faults("--since", "6h", "--limit", "2", "--json");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(names(run.out())).containsExactly("A4", "S1", "S2");
        assertThat(run.err()).startsWith("error: the audit archive could not be read: postgresql://")
                .contains(":" + closed + "/").contains("unreachable").contains("not the range's older part")
                .doesNotContain(postgres.password()).doesNotContain("\tat ");
        assertThat(covered.exitCode()).as("the newest 2 are all in the stream: the archive is not needed").isZero();
        assertThat(names(covered.out())).containsExactly("S1", "S2");
    }

    @Test
    void aRefusedLoginNamesWhereThePasswordCameFromNeverThePassword() throws IOException {
        Path wrong = Files.writeString(dir.resolve("wrong.pw"), "not-the-password\n");
        archiveFlags.set(1, "--archive.password-file=" + wrong);

        Ctl.Run run = faults("--since", "6h", "--json");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(run.err()).startsWith("error: the audit archive could not be read: ")
                .contains("authentication failed for user " + postgres.user())
                .contains("password from --archive.password-file " + wrong)
                .doesNotContain("not-the-password").doesNotContain(postgres.password())
                .doesNotContain("did not answer");
    }

    @Test
    void noPasswordAtAllIsSaidSo() {
        archiveFlags.clear();
        archiveFlags.add("--archive.url=" + postgres.uri() + "?sslmode=disable&passfile=" + dir.resolve("none"));

        Ctl.Run run = faults("--since", "6h", "--json");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(run.err()).contains("asks user " + postgres.user() + " for a password and none was given")
                .contains("no password (none from --archive.password-file, PGPASSWORD or passfile "
                        + dir.resolve("none"));
    }

    @Test
    void aMissingDatabaseAndAMissingSchemaAreNamed() throws Exception {
        archiveFlags.set(0, "--archive.url=postgresql://" + postgres.user() + "@" + postgres.host() + ":"
                + postgres.port() + "/no_such_db?sslmode=disable");
        Ctl.Run noDatabase = faults("--since", "6h", "--json");
        archiveFlags.set(0, "--archive.url=" + postgres.uri() + "?sslmode=disable");
        try (java.sql.Connection c = postgres.connect(); java.sql.Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA quantum_safety CASCADE");
        }
        Ctl.Run noSchema = faults("--since", "6h", "--json");

        assertThat(noDatabase.err()).contains("database no_such_db does not exist on " + postgres.host());
        assertThat(noSchema.err()).contains("the archive's table quantum_safety.events is missing in database "
                + postgres.database()).contains("start the archive (quantum-safety archive) once");
        assertThat(noSchema.exitCode()).isEqualTo(Main.EXIT_FAILURE);
    }

    @Test
    void aPasswordInTheArchiveUrlOnTheCommandLineIsRefused() {
        archiveFlags.set(0, "--archive.url=postgresql://" + postgres.user() + ":hunter2@127.0.0.1:5432/x");

        Ctl.Run run = faults("--since", "6h");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("--archive.url").contains("password").doesNotContain("hunter2");
    }
}
