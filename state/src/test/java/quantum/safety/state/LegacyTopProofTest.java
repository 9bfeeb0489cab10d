package quantum.safety.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import quantum.safety.kernel.RedisSchema;

class LegacyTopProofTest {

    private static final LegacySymbolSnapshot SYMBOLS = LegacySymbolSnapshot.of(RedisSchema.legacy(),
            List.of("AAA", "BBB", "CCC", "DDD"));

    @Test
    void ranksBusiestFirstTiesBySymbolAndCountsEveryPositiveCounter() {
        LegacyTopProof.Ranked ranked = LegacyTopProof.rank(SYMBOLS, null, new long[] {3, 7, 3, 0}, 2);

        assertThat(ranked.top()).containsExactly(new SymbolCount("BBB", 7), new SymbolCount("AAA", 3));
        assertThat(ranked.positives()).isEqualTo(3);
        assertThat(ranked.sum()).isEqualTo(13);
    }

    @Test
    void ranksOnlyTheSymbolsRead() {
        LegacyTopProof.Ranked ranked = LegacyTopProof.rank(SYMBOLS, new int[] {3, 1}, new long[] {5, 2}, 5);

        assertThat(ranked.top()).containsExactly(new SymbolCount("DDD", 5), new SymbolCount("BBB", 2));
    }

    @Test
    void aCounterOutsideThatCouldTieTheLastRankLeavesTheTopUnproven() {
        LegacyTopProof.Ranked ranked = LegacyTopProof.rank(SYMBOLS, null, new long[] {9, 4, 0, 0}, 2);

        assertThat(LegacyTopProof.proven(ranked, 3, 2)).isTrue();
        // "AAB" with 4 would rank before "BBB" with 4: a tie is not proof.
        assertThat(LegacyTopProof.proven(ranked, 4, 2)).isFalse();
        assertThat(LegacyTopProof.proven(ranked, LegacyTopProof.NONE_OUTSIDE, 2)).isTrue();
        assertThat(LegacyTopProof.proven(ranked, LegacyTopProof.UNBOUNDED, 2)).isFalse();
    }

    @Test
    void withFewerSymbolsThanRanksNothingOutsideMayHaveCounted() {
        LegacyTopProof.Ranked ranked = LegacyTopProof.rank(SYMBOLS, null, new long[] {9, 0, 0, 0}, 5);

        assertThat(LegacyTopProof.proven(ranked, 0, 5)).isTrue();
        assertThat(LegacyTopProof.proven(ranked, 1, 5)).isFalse();
    }

    @Test
    void theGlobalCounterLeavesItsExcessOverTheCountersReadForTheOthers() {
        assertThat(LegacyTopProof.globalSlack(OptionalLong.of(20), 12, 5)).isEqualTo(3);
        assertThat(LegacyTopProof.globalSlack(OptionalLong.of(20), 20, 0)).isZero();
        // More counted per symbol than in all, or a global counter that is not a number: no bound.
        assertThat(LegacyTopProof.globalSlack(OptionalLong.of(20), 21, 0)).isEqualTo(LegacyTopProof.UNBOUNDED);
        assertThat(LegacyTopProof.globalSlack(OptionalLong.empty(), 0, 0)).isEqualTo(LegacyTopProof.UNBOUNDED);
    }

    @Test
    void theCandidatesAreTheBusiestAndTheOthersAreSummedAndBounded() {
        LegacyWindowCounts counts = LegacyWindowCounts.of(SYMBOLS, 7, new long[] {1, 9, 4, 6}, false, 0, 2);

        assertThat(counts.candidates()).containsExactly(1, 3);
        assertThat(counts.outsideMax()).isEqualTo(4);
        assertThat(counts.outsideSum()).isEqualTo(5);

        LegacyWindowCounts all = LegacyWindowCounts.of(SYMBOLS, 7, new long[] {1, 9, 4, 6}, false, 0, 20);
        assertThat(all.candidates()).containsExactly(1, 3, 2, 0);
        assertThat(all.outsideMax()).isEqualTo(LegacyTopProof.NONE_OUTSIDE);
        assertThat(all.outsideSum()).isZero();
    }

    @Test
    void plainDigitsAreReadWithoutAStringAndAnythingElseByTheSharedRule() {
        assertThat(LegacyCountRead.counter("1234".getBytes())).isEqualTo(1234);
        assertThat(LegacyCountRead.counter(null)).isZero();
        assertThat(LegacyCountRead.counter(" 12 ".getBytes())).isEqualTo(12);
        assertThat(LegacyCountRead.counter("-3".getBytes())).isEqualTo(-3);
        assertThat(LegacyCountRead.counter("lots".getBytes())).isEqualTo(LegacyCountRead.NOT_AN_INTEGER);
    }
}
