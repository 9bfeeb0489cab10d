package quantum.safety.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static quantum.safety.exporter.TestExporters.NOW_MILLIS;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import quantum.safety.exporter.scrape.CollectionRunner;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.SymbolRule;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;

/**
 * Labels that come from Redis data are bounded: a symbol, reason or side that breaks the kernel's symbol rule is never
 * a label value. It shows as {@value #INVALID} where a series needs a value, folds into that one series where values
 * are counted, and is counted in {@code quantum_safety_invalid_label_values}; the whole {@code /metrics} body of a
 * real exporter on a real Redis is checked.
 */
@ExtendWith(RedisExtension.class)
class BoundedLabelsTest {

    /** Spelled out, not taken from the main code: the exposed value is part of what operators query. */
    private static final String INVALID = "(invalid value)";
    private static final long BUCKET = RedisSchema.bucket(NOW_MILLIS / 1000, 10);
    /** The longest symbol the rule allows: exported as it is. */
    private static final String LONGEST = "L".repeat(64);
    private static final Pattern DATA_LABEL =
            Pattern.compile("[{,](symbol|symbol_\\d|reason|side)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Values that break the symbol rule, as the bytes a hostile or buggy writer puts in Redis. */
    static Stream<Arguments> invalidValues() {
        return Stream.of(
                arguments("65 characters", utf8("L".repeat(65))),
                arguments("10 KB", utf8("K".repeat(10_240))),
                arguments("a newline", utf8("BTC\nUSDT")),
                arguments("a control character", utf8("BTC\u0007USDT")),
                arguments("a bidirectional override", utf8("BTC\u202EUSDT")),
                arguments("white space", utf8("BTC USDT")),
                arguments("invalid UTF-8", new byte[] {'B', 'T', 'C', (byte) 0xC3, '(', (byte) 0xFF}),
                arguments("a UTF-8-encoded surrogate", new byte[] {'B', 'T', 'C', (byte) 0xED, (byte) 0xA0, (byte) 0x80}),
                arguments("empty", new byte[0]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidValues")
    void anInvalidSymbolInTheRankingKeepsItsRankAsThePlaceholder(String what, byte[] bad, TestRedis redis) {
        try (Jedis jedis = redis.connect()) {
            jedis.zadd(utf8(Seed.SCHEMA.symbolRanking(BUCKET)), 9, bad);
            Seed.checkedIntents(jedis, BUCKET, "BTCUSDT", 3);
            Seed.checkedIntents(jedis, BUCKET, LONGEST, 2);
            jedis.incrBy(Seed.SCHEMA.globalRate(BUCKET), 9);
        }
        MetricsText m = scrape(redis);
        assertThat(m.family("quantum_safety_rate_symbol_top")).containsExactly(
                Map.entry("quantum_safety_rate_symbol_top{rank=\"1\",symbol=\"" + INVALID + "\"}", 9.0),
                Map.entry("quantum_safety_rate_symbol_top{rank=\"2\",symbol=\"BTCUSDT\"}", 3.0),
                Map.entry("quantum_safety_rate_symbol_top{rank=\"3\",symbol=\"" + LONGEST + "\"}", 2.0));
        assertThat(m.family("quantum_safety_rate_symbol_top5_info")).containsOnlyKeys(
                "quantum_safety_rate_symbol_top5_info{count_1=\"9\",count_2=\"3\",count_3=\"2\",symbol_1=\"" + INVALID
                        + "\",symbol_2=\"BTCUSDT\",symbol_3=\"" + LONGEST + "\"}");
        assertThat(m.get("quantum_safety_invalid_label_values{label=\"symbol\",source=\"rate_top\"}")).isEqualTo(1);
        assertThat(m.get("quantum_safety_collector_success{collector=\"rate\"}")).isEqualTo(1);
        assertNowhere(bad, m);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidValues")
    void anInvalidSymbolInTheLegacyCountersKeepsItsRankAsThePlaceholder(String what, byte[] bad, TestRedis redis) {
        try (Jedis jedis = redis.connect()) {
            // The old kernel writes no ranking: the symbols come from the names of its per-symbol counters.
            jedis.set(legacyCounter(bad), utf8("9"));
            Seed.legacyCheckedIntents(jedis, BUCKET, "BTCUSDT", 3);
            Seed.legacyCheckedIntents(jedis, BUCKET, LONGEST, 2);
            jedis.incrBy(Seed.SCHEMA.globalRate(BUCKET), 9);
        }
        MetricsText m = scrape(redis);
        Map<String, Double> expected = new LinkedHashMap<>();
        String decoded = new String(bad, StandardCharsets.UTF_8);
        if (decoded.isEmpty() || decoded.contains("\uFFFD")) {
            // The scan itself skips these: a key without a symbol, and a key name that is not UTF-8, which cannot be
            // read back by its decoded name (no count). Either way it is not ranked, and nothing of it is exported.
            expected.put("quantum_safety_rate_symbol_top{rank=\"1\",symbol=\"BTCUSDT\"}", 3.0);
            expected.put("quantum_safety_rate_symbol_top{rank=\"2\",symbol=\"" + LONGEST + "\"}", 2.0);
        } else {
            expected.put("quantum_safety_rate_symbol_top{rank=\"1\",symbol=\"" + INVALID + "\"}", 9.0);
            expected.put("quantum_safety_rate_symbol_top{rank=\"2\",symbol=\"BTCUSDT\"}", 3.0);
            expected.put("quantum_safety_rate_symbol_top{rank=\"3\",symbol=\"" + LONGEST + "\"}", 2.0);
        }
        assertThat(m.family("quantum_safety_rate_symbol_top")).containsExactlyEntriesOf(expected);
        assertThat(m.get("quantum_safety_invalid_label_values{label=\"symbol\",source=\"rate_top\"}"))
                .isEqualTo(expected.size() == 3 ? 1 : 0);
        assertThat(m.get("quantum_safety_collector_success{collector=\"rate\"}")).isEqualTo(1);
        assertNowhere(bad, m);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidValues")
    void invalidSymbolsReasonsAndSidesOfFaultsFoldIntoThePlaceholder(String what, byte[] bad, TestRedis redis) {
        try (Jedis jedis = redis.connect()) {
            Seed.fault(jedis, NOW_MILLIS - 1_800_000, 0, "SYMBOL_RATE_EXCEEDED", "BTCUSDT", "BUY");
            Seed.fault(jedis, NOW_MILLIS - 1_700_000, 0, "SYMBOL_RATE_EXCEEDED", "BTCUSDT", "SELL");
            Seed.fault(jedis, NOW_MILLIS - 1_600_000, 0, "GLOBAL_RATE_EXCEEDED", LONGEST, "BUY");
            fault(jedis, NOW_MILLIS - 600_000, bad, utf8("SYMBOL_RATE_EXCEEDED"), utf8("BUY"));
            fault(jedis, NOW_MILLIS - 500_000, utf8("ETHUSDT"), bad, utf8("SELL"));
            fault(jedis, NOW_MILLIS - 400_000, bad, bad, bad);
        }
        MetricsText m = scrape(redis);
        assertThat(m.family("quantum_safety_last_fault_info")).containsOnlyKeys("quantum_safety_last_fault_info{reason=\""
                + INVALID + "\",side=\"" + INVALID + "\",symbol=\"" + INVALID + "\"}");
        assertThat(m.family("quantum_safety_faults_last_1h_by_symbol")).containsOnly(
                Map.entry("quantum_safety_faults_last_1h_by_symbol{symbol=\"BTCUSDT\"}", 2.0),
                Map.entry("quantum_safety_faults_last_1h_by_symbol{symbol=\"ETHUSDT\"}", 1.0),
                Map.entry("quantum_safety_faults_last_1h_by_symbol{symbol=\"" + LONGEST + "\"}", 1.0),
                Map.entry("quantum_safety_faults_last_1h_by_symbol{symbol=\"" + INVALID + "\"}", 2.0));
        assertThat(m.family("quantum_safety_faults_last_1h_by_reason")).containsOnly(
                Map.entry("quantum_safety_faults_last_1h_by_reason{reason=\"SYMBOL_RATE_EXCEEDED\"}", 3.0),
                Map.entry("quantum_safety_faults_last_1h_by_reason{reason=\"GLOBAL_RATE_EXCEEDED\"}", 1.0),
                Map.entry("quantum_safety_faults_last_1h_by_reason{reason=\"" + INVALID + "\"}", 2.0));
        assertThat(m.family("quantum_safety_invalid_label_values")).containsOnly(
                Map.entry("quantum_safety_invalid_label_values{label=\"reason\",source=\"decisions\"}", 0.0),
                Map.entry("quantum_safety_invalid_label_values{label=\"reason\",source=\"faults\"}", 1.0),
                Map.entry("quantum_safety_invalid_label_values{label=\"side\",source=\"faults\"}", 1.0),
                Map.entry("quantum_safety_invalid_label_values{label=\"symbol\",source=\"faults\"}", 1.0),
                Map.entry("quantum_safety_invalid_label_values{label=\"symbol\",source=\"rate_top\"}", 0.0));
        assertThat(m.get("quantum_safety_faults_last_1h")).isEqualTo(6);
        assertThat(m.get("quantum_safety_collector_success{collector=\"faults\"}")).isEqualTo(1);
        assertNowhere(bad, m);
    }

    @Test
    void quotesBackslashesAndOtherLettersKeepTheRuleAndAreEscapedNotReplaced(TestRedis redis) {
        try (Jedis jedis = redis.connect()) {
            Seed.checkedIntents(jedis, BUCKET, "quo\"te", 3);
            Seed.checkedIntents(jedis, BUCKET, "back\\slash", 2);
            Seed.checkedIntents(jedis, BUCKET, "ünï😀", 1);
            Seed.fault(jedis, NOW_MILLIS - 60_000, 0, "SYMBOL_RATE_EXCEEDED", "a\\\"b", "BUY");
        }
        MetricsText m = scrape(redis);
        assertThat(m.family("quantum_safety_rate_symbol_top")).containsExactly(
                Map.entry("quantum_safety_rate_symbol_top{rank=\"1\",symbol=\"quo\\\"te\"}", 3.0),
                Map.entry("quantum_safety_rate_symbol_top{rank=\"2\",symbol=\"back\\\\slash\"}", 2.0),
                Map.entry("quantum_safety_rate_symbol_top{rank=\"3\",symbol=\"ünï😀\"}", 1.0));
        assertThat(m.get("quantum_safety_last_fault_info{reason=\"SYMBOL_RATE_EXCEEDED\",side=\"BUY\",symbol=\"a\\\\\\\"b\"}"))
                .isEqualTo(1);
        assertThat(m.get("quantum_safety_invalid_label_values{label=\"symbol\",source=\"rate_top\"}")).isZero();
        assertThat(m.get("quantum_safety_invalid_label_values{label=\"symbol\",source=\"faults\"}")).isZero();
        assertEveryDataLabelKeepsTheRule(m);
    }

    @Test
    void decisionFieldsThatBreakTheRuleAddUpUnderThePlaceholder(TestRedis redis) {
        try (Jedis jedis = redis.connect()) {
            jedis.hset(Seed.SCHEMA.decisionCounters(), Map.of("OK", "5", "NEW_REASON", "4", "bad\nreason", "2",
                    "x y", "3", "R".repeat(65), "1"));
        }
        MetricsText m = scrape(redis);
        assertThat(m.get("quantum_safety_decisions_total{reason=\"OK\"}")).isEqualTo(5);
        assertThat(m.get("quantum_safety_decisions_total{reason=\"NEW_REASON\"}")).isEqualTo(4);
        assertThat(m.get("quantum_safety_decisions_total{reason=\"" + INVALID + "\"}")).isEqualTo(6);
        assertThat(m.get("quantum_safety_invalid_label_values{label=\"reason\",source=\"decisions\"}")).isEqualTo(3);
        assertThat(m.body()).doesNotContain("bad\\nreason", "x y", "R".repeat(65));
        assertEveryDataLabelKeepsTheRule(m);
    }

    @Test
    void oneHundredThousandDistinctInvalidSymbolsGiveABoundedNumberOfSeries(TestRedis redis) {
        int faults = 5_000;
        try (Jedis jedis = redis.connect()) {
            Pipeline p = jedis.pipelined();
            for (int i = 0; i < 100_000; i++) {
                // Three kinds of garbage, every one distinct.
                String symbol = switch (i % 3) {
                    case 0 -> "SYM " + i;
                    case 1 -> "SYM\n" + i;
                    default -> "S".repeat(64) + i;
                };
                p.zadd(Seed.SCHEMA.symbolRanking(BUCKET), i, symbol);
                if (i < faults) {
                    p.xadd(Seed.SCHEMA.faultStream(), XAddParams.xAddParams().id(new StreamEntryID(NOW_MILLIS - 3_000_000 + i, 0)),
                            Map.of("reason", "SYMBOL_RATE_EXCEEDED", "symbol", symbol, "side", "BUY"));
                }
            }
            p.sync();
        }
        MetricsText m = scrape(redis);
        assertThat(m.family("quantum_safety_rate_symbol_top")).containsOnlyKeys(
                "quantum_safety_rate_symbol_top{rank=\"1\",symbol=\"" + INVALID + "\"}",
                "quantum_safety_rate_symbol_top{rank=\"2\",symbol=\"" + INVALID + "\"}",
                "quantum_safety_rate_symbol_top{rank=\"3\",symbol=\"" + INVALID + "\"}",
                "quantum_safety_rate_symbol_top{rank=\"4\",symbol=\"" + INVALID + "\"}",
                "quantum_safety_rate_symbol_top{rank=\"5\",symbol=\"" + INVALID + "\"}");
        assertThat(m.get("quantum_safety_rate_symbol_top{rank=\"1\",symbol=\"" + INVALID + "\"}")).isEqualTo(99_999);
        assertThat(m.family("quantum_safety_rate_symbol_top5_info")).hasSize(1);
        // The top 5 are what a scrape reads of the ranking, so they are what it can count.
        assertThat(m.get("quantum_safety_invalid_label_values{label=\"symbol\",source=\"rate_top\"}")).isEqualTo(5);
        assertThat(m.family("quantum_safety_faults_last_1h_by_symbol")).containsOnly(
                Map.entry("quantum_safety_faults_last_1h_by_symbol{symbol=\"" + INVALID + "\"}", (double) faults));
        assertThat(m.get("quantum_safety_invalid_label_values{label=\"symbol\",source=\"faults\"}")).isEqualTo(faults);
        assertThat(m.family("quantum_safety_last_fault_info")).hasSize(1);
        assertThat(m.names()).allSatisfy(name -> assertThat(m.family(name)).hasSizeLessThanOrEqualTo(20));
        assertThat(m.body().length()).isLessThan(30_000);
        assertEveryDataLabelKeepsTheRule(m);
    }

    @Test
    void invalidValuesAreLoggedShortAndEscapedAndTheCollectorStillSucceeds(TestRedis redis) {
        Logger logger = (Logger) LoggerFactory.getLogger(CollectionRunner.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try (Jedis jedis = redis.connect()) {
            jedis.zadd(Seed.SCHEMA.symbolRanking(BUCKET), 4, "BTC\u001B[2J" + "X".repeat(10_000));
            jedis.incrBy(Seed.SCHEMA.globalRate(BUCKET), 4);
            MetricsText m = scrape(redis);
            assertThat(m.get("quantum_safety_collector_success{collector=\"rate\"}")).isEqualTo(1);
        } finally {
            logger.detachAppender(logs);
        }
        List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(l -> l.contains("symbol rule")).toList();
        assertThat(lines).singleElement().satisfies(line -> assertThat(line)
                .contains("collector rate: 1 symbol value(s) from rate_top break the symbol rule (e.g. 'BTC\\u001B[2JX")
                .endsWith("…') and are exported as " + INVALID)
                .doesNotContain("\u001B").hasSizeLessThan(300));
    }

    private static MetricsText scrape(TestRedis redis) {
        try (ExporterServer server = TestExporters.start(redis.host(), redis.port())) {
            MetricsText m = Http.metrics(server);
            assertEveryDataLabelKeepsTheRule(m);
            return m;
        }
    }

    /** Every symbol, reason and side in the body is the placeholder or keeps the symbol rule. */
    private static void assertEveryDataLabelKeepsTheRule(MetricsText m) {
        Matcher matcher = DATA_LABEL.matcher(m.body());
        List<String> values = new ArrayList<>();
        while (matcher.find()) {
            values.add(unescape(matcher.group(2)));
        }
        assertThat(values).isNotEmpty().allSatisfy(v -> assertThat(v.equals(INVALID) || SymbolRule.accepts(v))
                .as("label value %s", v).isTrue());
    }

    /** Neither the value nor its escaped form is anywhere in the body. */
    private static void assertNowhere(byte[] bad, MetricsText m) {
        String value = new String(bad, StandardCharsets.UTF_8);
        String body = m.body();
        assertThat(body).doesNotContain("=\"\"").doesNotContain("\uFFFD");
        if (!value.isEmpty()) {
            assertThat(body).doesNotContain(value).doesNotContain(
                    value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"));
        }
    }

    /** A label value as the text format escapes it ({@code \\}, {@code \"}, {@code \n}), back to the value. */
    private static String unescape(String labelValue) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < labelValue.length(); i++) {
            char c = labelValue.charAt(i);
            if (c == '\\' && i + 1 < labelValue.length()) {
                char next = labelValue.charAt(++i);
                sb.append(next == 'n' ? '\n' : next);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static void fault(Jedis jedis, long epochMillis, byte[] symbol, byte[] reason, byte[] side) {
        Map<byte[], byte[]> fields = new LinkedHashMap<>();
        fields.put(utf8("timestamp"), utf8(Long.toString(epochMillis / 1000)));
        fields.put(utf8("reason"), reason);
        fields.put(utf8("symbol"), symbol);
        fields.put(utf8("side"), side);
        jedis.xadd(utf8(Seed.SCHEMA.faultStream()), XAddParams.xAddParams().id(new StreamEntryID(epochMillis, 0)), fields);
    }

    private static byte[] legacyCounter(byte[] symbol) {
        String key = Seed.SCHEMA.symbolRate("\u0000", BUCKET);
        int at = key.indexOf('\u0000');
        byte[] head = utf8(key.substring(0, at));
        byte[] tail = utf8(key.substring(at + 1));
        byte[] result = new byte[head.length + symbol.length + tail.length];
        System.arraycopy(head, 0, result, 0, head.length);
        System.arraycopy(symbol, 0, result, head.length, symbol.length);
        System.arraycopy(tail, 0, result, head.length + symbol.length, tail.length);
        return result;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
