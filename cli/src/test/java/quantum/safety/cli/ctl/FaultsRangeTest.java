package quantum.safety.cli.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import quantum.safety.cli.Main;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;

/** {@code ctl faults --since/--until}: durations ago and RFC 3339 timestamps, and a stream trimmed before the range. */
@ExtendWith(RedisExtension.class)
class FaultsRangeTest {

    private static final String STREAM = RedisSchema.legacy().faultStream();
    private static final long MINUTE = 60_000;

    private final TestRedis redis;
    private final long now;

    FaultsRangeTest(TestRedis redis) {
        this.redis = redis;
        try (Jedis jedis = redis.connect()) {
            List<String> time = jedis.time();
            now = Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
        }
    }

    private void addAt(long millis, String symbol) {
        try (Jedis jedis = redis.connect()) {
            jedis.xadd(STREAM, new StreamEntryID(millis, 0), Map.of("reason", "SYMBOL_RATE_EXCEEDED", "symbol", symbol,
                    "side", "BUY"));
        }
    }

    @Test
    void untilEndsTheRangeExclusively() {
        addAt(now - 180 * MINUTE, "THREEH");
        addAt(now - 120 * MINUTE, "TWOH");
        addAt(now - 30 * MINUTE, "HALFH");

        Ctl.Run run = Ctl.run(redis.uri(), "faults", "--since", "150m", "--until", "1h");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("TWOH").doesNotContain("THREEH").doesNotContain("HALFH")
                .contains("1 fault from ");
    }

    @Test
    void rfc3339TimestampsWithOffsetsBoundTheRange() {
        long at = now - 120 * MINUTE;
        addAt(at - 1, "BEFORE");
        addAt(at, "FIRST");
        addAt(at + 10 * MINUTE, "INSIDE");
        addAt(at + 20 * MINUTE, "ATEND");
        String since = Instant.ofEpochMilli(at).toString();
        // The same instant as at + 20 minutes, written in +01:00.
        String until = Instant.ofEpochMilli(at + 20 * MINUTE).atOffset(java.time.ZoneOffset.ofHours(1)).toString();

        Ctl.Run run = Ctl.run(redis.uri(), "faults", "--since", since, "--until", until, "--json");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).hasSize(2);
        assertThat(run.out()).contains("FIRST").contains("INSIDE").doesNotContain("BEFORE").doesNotContain("ATEND");
    }

    @Test
    void aRangeOlderThanTheStreamWithoutAnArchiveSaysHowFarTheStreamReaches() {
        addAt(now - 120 * MINUTE, "OLDEST");
        addAt(now - 10 * MINUTE, "NEWEST");

        Ctl.Run run = Ctl.run(redis.uri(), "faults", "--since", "6h");
        Ctl.Run covered = Ctl.run(redis.uri(), "faults", "--since", "1h");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("OLDEST").contains("NEWEST").contains("2 faults in the last 6h");
        assertThat(run.err()).contains("the fault stream only reaches back to "
                + quantum.safety.exporter.status.StatusFormat.time(Instant.ofEpochMilli(now - 120 * MINUTE)))
                .contains("--archive.url");
        assertThat(covered.err()).isEmpty();
    }

    @Test
    void aLimitReachedInTheStreamNeedsNoOlderPart() {
        addAt(now - 120 * MINUTE, "OLDEST");
        addAt(now - 10 * MINUTE, "NEWEST");

        Ctl.Run run = Ctl.run(redis.uri(), "faults", "--since", "6h", "--limit", "1");

        assertThat(run.out()).contains("NEWEST").doesNotContain("OLDEST").contains("the newest 1");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void badRangesExitTwoWithTheFix() {
        Ctl.Run reversed = Ctl.run(redis.uri(), "faults", "--since", "1h", "--until", "2h");
        Ctl.Run future = Ctl.run(redis.uri(), "faults", "--since", "2999-01-01T00:00:00Z");
        Ctl.Run garbage = Ctl.run(redis.uri(), "faults", "--until", "yesterday");
        Ctl.Run badTime = Ctl.run(redis.uri(), "faults", "--until", "2026-13-01T00:00:00Z");

        assertThat(reversed.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(reversed.err()).contains("--until (1h 0m 0s ago) must be later than --since (1h 0m 0s ago)"
                .replace("1h 0m 0s ago) must", "2h 0m 0s ago) must"));
        assertThat(future.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(future.err()).contains("--until (now) must be later than --since");
        assertThat(garbage.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(garbage.err()).contains("'yesterday' is neither a duration ago").contains("RFC 3339");
        assertThat(badTime.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(badTime.err()).contains("'2026-13-01T00:00:00Z' is not an RFC 3339 timestamp");
    }

    @Test
    void boundsOutsideWhatStreamIdsCanHoldExitTwoNotOne() {
        Ctl.Run huge = Ctl.run(redis.uri(), "faults", "--since", "99999999999d");
        Ctl.Run before1970 = Ctl.run(redis.uri(), "faults", "--since", "36500d");
        Ctl.Run ancient = Ctl.run(redis.uri(), "faults", "--since", "1969-12-31T23:59:59Z");

        assertThat(huge.exitCode()).as(huge.err()).isEqualTo(Main.EXIT_USAGE);
        assertThat(huge.err()).contains("'99999999999d' reaches back before 1970-01-01").doesNotContain("\tat ");
        assertThat(before1970.exitCode()).as(before1970.err()).isEqualTo(Main.EXIT_USAGE);
        assertThat(before1970.err()).contains("--since: ").contains("is before 1970-01-01");
        assertThat(ancient.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(ancient.err()).contains("'1969-12-31T23:59:59Z' is before 1970-01-01");
    }

    @Test
    void anUntilBeforeTheDefaultSinceSaysSinceDefaultsRatherThanQuoteIt() {
        Ctl.Run run = Ctl.run(redis.uri(), "faults", "--until", "1h");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("without --since the range starts 1h 0m 0s ago (--since defaults to 1h)")
                .contains("e.g. --since 1d").doesNotContain("later than --since (");
    }

    @Test
    void followWithUntilIsRefused() {
        Ctl.Run run = Ctl.run(redis.uri(), "faults", "--since", "6h", "--until", "1h", "--follow");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("--follow prints faults as they come, past any --until (1h 0m 0s ago)");
    }

    @Test
    void nowMinusADurationIsADurationAgo() {
        Ctl.Run run = Ctl.run(redis.uri(), "faults", "--since", "now-6h", "--until", "now");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("in the last 6h 0m 0s");
    }
}
