package quantum.safety.ops.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** The alert states of Prometheus, replayed on evaluation times: pending, firing, resolved, kept firing. */
class EpisodeFinderTest {

    private static final Instant T0 = Instant.parse("2026-01-19T00:00:00Z");
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final Map<String, String> A = Map.of("instance", "a");
    private static final Map<String, String> B = Map.of("instance", "b");

    /** Evaluation {@code i}: T0 + i steps. */
    private static Instant eval(int i) {
        return T0.plus(STEP.multipliedBy(i));
    }

    /** The evaluations from {@code first} to {@code last} (inclusive) at which the expression returns the series. */
    private static NavigableSet<Instant> present(int first, int last) {
        NavigableSet<Instant> times = new TreeSet<>();
        for (int i = first; i <= last; i++) {
            times.add(eval(i));
        }
        return times;
    }

    private static EpisodeFinder finder(Duration forDuration, Duration keepFiringFor) {
        return new EpisodeFinder(T0, STEP, 40, forDuration, keepFiringFor);
    }

    @Test
    void pendingForTheWholeForDurationThenFiringUntilTheFirstEvaluationWithoutTheSeries() {
        List<Episode> episodes = finder(Duration.ofMinutes(2), Duration.ZERO).episodes(A, present(2, 10));

        assertThat(episodes).singleElement().satisfies(e -> {
            assertThat(e.pendingSince()).isEqualTo(eval(2));
            assertThat(e.start()).isEqualTo(eval(6));
            assertThat(e.end()).isEqualTo(eval(11));
            assertThat(e.duration()).isEqualTo(Duration.ofSeconds(150));
            assertThat(e.beganBefore()).isFalse();
            assertThat(e.stillFiring()).isFalse();
        });
    }

    @Test
    void aSeriesShorterThanForNeverFires() {
        assertThat(finder(Duration.ofMinutes(2), Duration.ZERO).episodes(A, present(2, 5))).isEmpty();
    }

    @Test
    void forZeroFiresAtTheFirstEvaluationThatReturnsTheSeries() {
        assertThat(finder(Duration.ZERO, Duration.ZERO).episodes(A, present(3, 3)))
                .singleElement().satisfies(e -> {
                    assertThat(e.start()).isEqualTo(eval(3));
                    assertThat(e.end()).isEqualTo(eval(4));
                });
    }

    @Test
    void aGapOfOneEvaluationResolvesAndPendingStartsOver() {
        NavigableSet<Instant> times = present(0, 9);
        times.addAll(present(11, 14));

        List<Episode> episodes = finder(Duration.ofMinutes(1), Duration.ZERO).episodes(A, times);

        assertThat(episodes).extracting(Episode::start, Episode::end)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(eval(2), eval(10)),
                        org.assertj.core.groups.Tuple.tuple(eval(13), eval(15)));
    }

    @Test
    void twoLabelSetsHaveTheirOwnStates() {
        List<Episode> episodes = finder(Duration.ofMinutes(1), Duration.ZERO)
                .episodes(Map.of(A, present(0, 5), B, present(4, 6)));

        assertThat(episodes).extracting(Episode::labels, Episode::start, Episode::end).containsExactly(
                org.assertj.core.groups.Tuple.tuple(A, eval(2), eval(6)),
                org.assertj.core.groups.Tuple.tuple(B, eval(6), eval(7)));
    }

    @Test
    void keepFiringForBridgesAShortGapAndEndsAfterItRunsOut() {
        NavigableSet<Instant> times = present(0, 5);
        times.addAll(present(7, 10));

        List<Episode> episodes = finder(Duration.ZERO, Duration.ofMinutes(1)).episodes(A, times);

        // absent at 6 (kept: 0s since it went away), back at 7..10, absent from 11: kept at 11 and 12 (0s, 30s),
        // resolved at 13 (60s is not less than keep_firing_for).
        assertThat(episodes).singleElement().satisfies(e -> {
            assertThat(e.start()).isEqualTo(eval(0));
            assertThat(e.end()).isEqualTo(eval(13));
        });
    }

    @Test
    void keepFiringForDoesNotKeepAPendingAlert() {
        NavigableSet<Instant> times = present(0, 1);
        times.addAll(present(3, 4));

        assertThat(new EpisodeFinder(T0, STEP, 10, Duration.ofMinutes(1), Duration.ofMinutes(5)).episodes(A, times))
                .isEmpty();
    }

    @Test
    void anEpisodeStillFiringAtTheEndEndsThereAndSaysSo() {
        assertThat(finder(Duration.ZERO, Duration.ZERO).episodes(A, present(30, 39)))
                .singleElement().satisfies(e -> {
                    assertThat(e.end()).isEqualTo(eval(39));
                    assertThat(e.stillFiring()).isTrue();
                });
    }

    /**
     * The range starts mid-episode: the expression is looked at from {@code for} before the range, so an alert that
     * was pending then fires right at the start of the range, as it did in Prometheus, and says it began before.
     */
    @Test
    void aRangeStartingMidEpisodeLooksBackForSoAPendingAlertFiresAtTheStart() {
        Instant from = T0.plus(Duration.ofMinutes(10));
        Backtester.Window window = Backtester.Window.of(from, from.plus(Duration.ofMinutes(10)), STEP,
                Duration.ofMinutes(3));
        assertThat(window.first()).isEqualTo(from.minus(Duration.ofMinutes(3)));
        assertThat(window.evaluations()).isEqualTo(27);

        NavigableSet<Instant> times = new TreeSet<>();
        for (int i = 0; i < 10; i++) {
            times.add(window.first().plus(STEP.multipliedBy(i)));
        }
        List<Episode> episodes = new EpisodeFinder(window.first(), STEP, window.evaluations(), Duration.ofMinutes(3),
                Duration.ZERO).episodes(A, times);

        assertThat(episodes).singleElement().satisfies(e -> {
            assertThat(e.start()).isEqualTo(from);
            assertThat(e.end()).isEqualTo(window.first().plus(STEP.multipliedBy(10)));
            assertThat(e.beganBefore()).isTrue();
        });
    }

    @Test
    void aForThatIsNoMultipleOfTheStepStartsTheWindowAWholeStepEarlier() {
        Instant from = T0.plus(Duration.ofHours(1));
        Backtester.Window window = Backtester.Window.of(from, from.plus(Duration.ofMinutes(1)), STEP,
                Duration.ofSeconds(45));

        assertThat(window.first()).isEqualTo(from.minus(Duration.ofMinutes(1)));
        assertThat(window.last()).isEqualTo(from.plus(Duration.ofMinutes(1)));
    }

    @Test
    void timesPrometheusRoundedToTheMillisecondBelongToTheEvaluationGivenInNanoseconds() {
        Instant from = Instant.parse("2026-01-19T01:46:22.142060120Z");
        Backtester.Window window = Backtester.Window.of(from, from.plus(Duration.ofMinutes(2)), STEP, Duration.ZERO);

        NavigableSet<Instant> snapped = window.snapped(List.of(Instant.parse("2026-01-19T01:46:22.142Z"),
                Instant.parse("2026-01-19T01:46:52.142Z")));

        assertThat(snapped).containsExactly(from, from.plus(STEP));
    }
}
