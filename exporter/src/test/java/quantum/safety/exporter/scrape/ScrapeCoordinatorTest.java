package quantum.safety.exporter.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import quantum.safety.exporter.collect.Deadline;

class ScrapeCoordinatorTest {

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
        public void run(Collection collection, Deadline deadline) {
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

    @Test
    void concurrentScrapesShareOneInFlightCollection() throws Exception {
        GatedTask task = new GatedTask();
        ScrapeStats stats = new ScrapeStats();
        ExecutorService scrapers = Executors.newFixedThreadPool(8);
        try (ScrapeCoordinator coordinator = new ScrapeCoordinator(task, stats)) {
            List<Future<ScrapeCoordinator.Result>> results = new ArrayList<>();
            results.add(scrapers.submit(() -> coordinator.scrape(Duration.ofSeconds(30))));
            assertThat(task.started.await(30, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 7; i++) {
                results.add(scrapers.submit(() -> coordinator.scrape(Duration.ofSeconds(30))));
            }
            // Every scraper is now waiting on the same collection; let it finish.
            org.awaitility.Awaitility.await().until(() -> stats.collections() == 1);
            task.release.countDown();
            for (Future<ScrapeCoordinator.Result> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS).view().complete()).isTrue();
            }
            assertThat(task.runs.get()).isEqualTo(1);
            assertThat(coordinator.collectionsStarted()).isEqualTo(1);
        } finally {
            scrapers.shutdownNow();
        }
    }

    @Test
    void aScrapeAnswersAtItsDeadlineWithWhatIsFinishedAndFailsTheRest() {
        GatedTask task = new GatedTask();
        ScrapeStats stats = new ScrapeStats();
        try (ScrapeCoordinator coordinator = new ScrapeCoordinator(task, stats)) {
            ScrapeCoordinator.Result result = coordinator.scrape(Duration.ofMillis(200));
            assertThat(result.deadlineExceeded()).isTrue();
            assertThat(result.view().results()).extracting(CollectorResult::collector, CollectorResult::success)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("safe_mode", true),
                            org.assertj.core.groups.Tuple.tuple("rate", false));
            assertThat(stats.deadlineExceeded()).isEqualTo(1);
            task.release.countDown();
        }
    }

    @Test
    void aFinishedCollectionIsNeverReusedSoEveryScrapeIsFresh() {
        AtomicInteger runs = new AtomicInteger();
        CollectionTask task = new CollectionTask() {
            @Override
            public List<String> collectorNames() {
                return List.of("safe_mode");
            }

            @Override
            public void run(Collection collection, Deadline deadline) {
                runs.incrementAndGet();
                collection.complete();
            }
        };
        try (ScrapeCoordinator coordinator = new ScrapeCoordinator(task, new ScrapeStats())) {
            coordinator.scrape(Duration.ofSeconds(30));
            coordinator.scrape(Duration.ofSeconds(30));
            coordinator.scrape(Duration.ofSeconds(30));
        }
        assertThat(runs.get()).isEqualTo(3);
    }

    @Test
    void afterCloseAScrapeStillAnswersWithEverythingFailed() {
        GatedTask task = new GatedTask();
        ScrapeCoordinator coordinator = new ScrapeCoordinator(task, new ScrapeStats());
        coordinator.close();
        ScrapeCoordinator.Result result = coordinator.scrape(Duration.ofSeconds(1));
        assertThat(result.view().redisUp()).isFalse();
        assertThat(result.view().results()).noneMatch(CollectorResult::success);
    }
}
