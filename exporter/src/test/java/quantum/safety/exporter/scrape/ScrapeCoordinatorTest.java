package quantum.safety.exporter.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import quantum.safety.exporter.collect.Deadline;

/**
 * The single flight and the per-scrape deadline, on a clock the test moves by hand: a deadline passes when the test
 * says so, never because the machine was slow.
 */
class ScrapeCoordinatorTest {

    /** The coordinator's nano clock: it stands still unless a test advances it. */
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ExecutorService scrapers = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopScrapers() {
        scrapers.shutdownNow();
    }

    /** A collection whose "safe_mode" finishes at once and whose "rate" waits for a latch. */
    private static final class GatedTask implements CollectionTask {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch started = new CountDownLatch(1);
        final AtomicInteger runs = new AtomicInteger();

        @Override
        public List<String> collectorNames() {
            return List.of("safe_mode", "rate");
        }

        @Override
        public void run(CollectionRun collection, Deadline deadline) {
            runs.incrementAndGet();
            collection.redisAnswered();
            collection.finished(new CollectorResult("safe_mode", true, 0.001, List.of()));
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
                collection.finished(new CollectorResult("rate", true, 0.002, List.of()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                collection.complete();
            }
        }
    }

    /** A collection of one collector, "safe_mode", that runs as {@code run} says. */
    private static CollectionTask safeModeOnly(BiConsumer<CollectionRun, Deadline> run) {
        return new CollectionTask() {
            @Override
            public List<String> collectorNames() {
                return List.of("safe_mode");
            }

            @Override
            public void run(CollectionRun collection, Deadline deadline) {
                run.accept(collection, deadline);
            }
        };
    }

    private Future<ScrapeCoordinator.Result> scrapeAsync(ScrapeCoordinator coordinator, Duration budget) {
        return scrapers.submit(() -> coordinator.scrape(budget));
    }

    @Test
    void concurrentScrapesShareOneInFlightCollection() throws Exception {
        GatedTask task = new GatedTask();
        ScrapeStats stats = new ScrapeStats();
        try (ScrapeCoordinator coordinator = new ScrapeCoordinator(task, stats, now::get)) {
            List<Future<ScrapeCoordinator.Result>> results = new ArrayList<>();
            results.add(scrapeAsync(coordinator, Duration.ofSeconds(30)));
            assertThat(task.started.await(30, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 7; i++) {
                results.add(scrapeAsync(coordinator, Duration.ofSeconds(30)));
            }
            // Release the collection only once all 8 scrapes hold it: none can have started a second one.
            await().atMost(Duration.ofSeconds(30)).until(coordinator::scrapesJoined, n -> n == 8);
            assertThat(results).noneMatch(Future::isDone);
            task.release.countDown();
            for (Future<ScrapeCoordinator.Result> result : results) {
                ScrapeCoordinator.Result r = result.get(30, TimeUnit.SECONDS);
                assertThat(r.deadlineExceeded()).isFalse();
                assertThat(r.view().complete()).isTrue();
                assertThat(r.view().results()).allMatch(CollectorResult::success);
            }
            assertThat(task.runs.get()).isEqualTo(1);
            assertThat(coordinator.collectionsStarted()).isEqualTo(1);
            assertThat(stats.deadlineExceeded()).isZero();
        }
    }

    @Test
    void aScrapeAnswersAtItsDeadlineWithWhatIsFinishedAndFailsTheRest() throws Exception {
        GatedTask task = new GatedTask();
        ScrapeStats stats = new ScrapeStats();
        try (ScrapeCoordinator coordinator = new ScrapeCoordinator(task, stats, now::get)) {
            Future<ScrapeCoordinator.Result> scrape = scrapeAsync(coordinator, Duration.ofMillis(200));
            assertThat(task.started.await(30, TimeUnit.SECONDS)).isTrue();
            // safe_mode is finished, rate is held, and on this clock no time has passed: the scrape still waits.
            assertThat(scrape).isNotDone();

            now.addAndGet(Duration.ofMillis(250).toNanos());
            ScrapeCoordinator.Result result = scrape.get(30, TimeUnit.SECONDS);

            assertThat(result.deadlineExceeded()).isTrue();
            assertThat(result.view().complete()).isFalse();
            assertThat(result.view().redisUp()).isTrue();
            // The unfinished collector is failed with the time the collection had run when the scrape stopped.
            assertThat(result.view().results())
                    .extracting(CollectorResult::collector, CollectorResult::success, CollectorResult::durationSeconds)
                    .containsExactly(tuple("safe_mode", true, 0.001), tuple("rate", false, 0.25));
            assertThat(stats.deadlineExceeded()).isEqualTo(1);
            assertThat(task.runs.get()).isEqualTo(1);
            task.release.countDown();
        }
    }

    @Test
    void eachScrapeSharingACollectionKeepsItsOwnDeadline() throws Exception {
        GatedTask task = new GatedTask();
        ScrapeStats stats = new ScrapeStats();
        try (ScrapeCoordinator coordinator = new ScrapeCoordinator(task, stats, now::get)) {
            Future<ScrapeCoordinator.Result> patient = scrapeAsync(coordinator, Duration.ofSeconds(10));
            assertThat(task.started.await(30, TimeUnit.SECONDS)).isTrue();
            Future<ScrapeCoordinator.Result> hurried = scrapeAsync(coordinator, Duration.ofMillis(100));
            await().atMost(Duration.ofSeconds(30)).until(coordinator::scrapesJoined, n -> n == 2);

            now.addAndGet(Duration.ofSeconds(1).toNanos());
            assertThat(hurried.get(30, TimeUnit.SECONDS).deadlineExceeded()).isTrue();
            assertThat(patient).isNotDone();

            task.release.countDown();
            ScrapeCoordinator.Result late = patient.get(30, TimeUnit.SECONDS);
            assertThat(late.deadlineExceeded()).isFalse();
            assertThat(late.view().results()).allMatch(CollectorResult::success);
            assertThat(coordinator.collectionsStarted()).isEqualTo(1);
            assertThat(stats.deadlineExceeded()).isEqualTo(1);
        }
    }

    @Test
    void theCollectionRunsAgainstTheFirstScrapesDeadlineOnTheSameClock() {
        AtomicLong remainingAtStart = new AtomicLong(-1);
        CollectionTask task = safeModeOnly((collection, deadline) -> {
            remainingAtStart.set(deadline.remaining().toNanos());
            collection.redisAnswered();
            collection.finished(new CollectorResult("safe_mode", true, collection.elapsedSeconds(), List.of()));
            collection.complete();
        });
        try (ScrapeCoordinator coordinator = new ScrapeCoordinator(task, new ScrapeStats(), now::get)) {
            ScrapeCoordinator.Result result = coordinator.scrape(Duration.ofMillis(200));
            // The clock stood still: the collectors saw the scrape's whole budget, and no time went by for them.
            assertThat(remainingAtStart.get()).isEqualTo(Duration.ofMillis(200).toNanos());
            assertThat(result.view().results()).singleElement()
                    .satisfies(r -> assertThat(r.durationSeconds()).isZero());
            assertThat(result.deadlineExceeded()).isFalse();
        }
    }

    @Test
    void aFinishedCollectionIsNeverReusedSoEveryScrapeIsFresh() {
        AtomicInteger runs = new AtomicInteger();
        CollectionTask task = safeModeOnly((collection, deadline) -> {
            runs.incrementAndGet();
            collection.complete();
        });
        try (ScrapeCoordinator coordinator = new ScrapeCoordinator(task, new ScrapeStats(), now::get)) {
            coordinator.scrape(Duration.ofSeconds(30));
            coordinator.scrape(Duration.ofSeconds(30));
            coordinator.scrape(Duration.ofSeconds(30));
            assertThat(coordinator.collectionsStarted()).isEqualTo(3);
        }
        assertThat(runs.get()).isEqualTo(3);
    }

    @Test
    void afterCloseAScrapeStillAnswersWithEverythingFailed() {
        GatedTask task = new GatedTask();
        ScrapeCoordinator coordinator = new ScrapeCoordinator(task, new ScrapeStats(), now::get);
        coordinator.close();
        ScrapeCoordinator.Result result = coordinator.scrape(Duration.ofSeconds(1));
        assertThat(result.view().redisUp()).isFalse();
        assertThat(result.view().results()).noneMatch(CollectorResult::success);
        assertThat(task.runs.get()).isZero();
    }
}
