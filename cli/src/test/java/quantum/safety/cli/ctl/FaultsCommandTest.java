package quantum.safety.cli.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import picocli.CommandLine;
import quantum.safety.cli.Main;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.StreamEntryID;

@ExtendWith(RedisExtension.class)
class FaultsCommandTest {

    private static final RedisSchema SCHEMA = RedisSchema.legacy();

    private final TestRedis redis;

    FaultsCommandTest(TestRedis redis) {
        this.redis = redis;
    }

    private static Map<String, String> fault(String reason, String symbol) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("reason", reason);
        f.put("symbol", symbol);
        f.put("side", "BUY");
        f.put("global_count", "21");
        f.put("global_max", "20");
        f.put("symbol_count", "3");
        f.put("symbol_max", "5");
        return f;
    }

    private void add(Map<String, String> fields) {
        try (Jedis jedis = redis.connect()) {
            jedis.xadd(SCHEMA.faultStream(), StreamEntryID.NEW_ENTRY, fields);
        }
    }

    @Test
    void listsFaultsAsATableAndFiltersBySymbolAndReason() {
        add(fault("GLOBAL_RATE_EXCEEDED", "BTCUSDT"));
        add(fault("SYMBOL_RATE_EXCEEDED", "ETHUSDT"));
        add(fault("SYMBOL_RATE_EXCEEDED", "BTCUSDT"));

        Ctl.Run all = Ctl.run(redis.uri(), "faults");
        Ctl.Run btc = Ctl.run(redis.uri(), "faults", "--symbol", "BTCUSDT", "--reason", "SYMBOL_RATE_EXCEEDED");

        assertThat(all.exitCode()).isZero();
        assertThat(all.out()).startsWith("TIME (UTC)").contains("3 faults in the last 1h 0m 0s");
        assertThat(all.out().indexOf("GLOBAL_RATE_EXCEEDED")).isLessThan(all.out().indexOf("ETHUSDT"));
        assertThat(btc.out()).contains("1 fault in the last").contains("21/20").doesNotContain("ETHUSDT")
                .doesNotContain("GLOBAL_RATE_EXCEEDED");
    }

    @Test
    void aHugeStreamStaysBoundedWithALimit() {
        try (Jedis jedis = redis.connect(); Pipeline p = jedis.pipelined()) {
            for (int i = 0; i < 50_000; i++) {
                p.xadd(SCHEMA.faultStream(), StreamEntryID.NEW_ENTRY, fault("GLOBAL_RATE_EXCEEDED", "S" + i));
            }
            p.sync();
        }
        Ctl.Run run = Ctl.run(redis.uri(), "faults", "--since", "1h", "--limit", "20");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().filter(l -> l.contains("GLOBAL_RATE_EXCEEDED"))).hasSize(20);
        assertThat(run.out()).contains("S49999").doesNotContain(" S49979 ").contains("the newest 20");
    }

    @Test
    void weirdSymbolsStayOnOneLineAndEscapeSequencesAreDefused() {
        add(fault("SYMBOL_RATE_EXCEEDED", "BAD\"SYM\nBOL\u001b[31m"));
        add(fault("SYMBOL_RATE_EXCEEDED", "币安币€"));

        Ctl.Run run = Ctl.run(redis.uri(), "faults", "--json");
        Ctl.Run table = Ctl.run(redis.uri(), "faults");

        assertThat(table.out()).contains("BAD\"SYM\\u000a").contains("币安币€").doesNotContain("\u001b");
        assertThat(table.out().lines()).hasSize(4);
        assertThat(run.out().lines()).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("{\"id\""));
    }

    @Test
    void aFaultStreamOfTheWrongTypeIsAClearMessage() {
        try (Jedis jedis = redis.connect()) {
            jedis.set(SCHEMA.faultStream(), "oops");
        }
        Ctl.Run run = Ctl.run(redis.uri(), "faults");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(run.err()).contains("the fault stream quantum:stream:safety.fault is UNREADABLE").contains("WRONGTYPE")
                .doesNotContain("\tat ");
    }

    @Test
    void badFlagsExitTwo() {
        assertThat(Ctl.run(redis.uri(), "faults", "--since", "soon").exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(Ctl.run(redis.uri(), "faults", "--limit", "0").exitCode()).isEqualTo(Main.EXIT_USAGE);
    }

    @Test
    void followPrintsNewFaultsUntilStopped() throws Exception {
        add(fault("GLOBAL_RATE_EXCEEDED", "OLDSYM"));
        StringWriter out = new StringWriter();
        CommandLine cli = Main.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        AtomicInteger exit = new AtomicInteger(-1);
        Thread follower = new Thread(() -> exit.set(cli.execute("ctl", "faults", "--follow", "--symbol", "NEWSYM",
                "--redis.addr=" + redis.uri())), "ctl-faults-follow");
        follower.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("Following"));
            add(fault("SYMBOL_RATE_EXCEEDED", "OTHER"));
            add(fault("SYMBOL_RATE_EXCEEDED", "NEWSYM"));

            await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("NEWSYM"));
            assertThat(out.toString()).doesNotContain("OTHER");
        } finally {
            follower.interrupt();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !follower.isAlive());
        assertThat(exit.get()).isZero();
    }
}
