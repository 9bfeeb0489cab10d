package quantum.safety.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import quantum.safety.process.LocalRedis;

/**
 * Overload answers 503 at once rather than queueing without bound; a request that waited past the decision timeout is
 * not decided; a graceful stop answers every request it took. Redis is paused (SIGSTOP) to hold decisions in flight.
 */
class OverloadAndShutdownTest {

    private static final String INTENT = "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\"}";

    private LocalRedis redis;
    private final ExecutorService callers = Executors.newFixedThreadPool(8);

    @BeforeEach
    void startRedis() throws IOException {
        redis = LocalRedis.start();
    }

    @AfterEach
    void stop() throws IOException {
        redis.resume();
        callers.shutdownNow();
        redis.close();
    }

    @Test
    void aFullQueueIsAnswered503AtOnceAndEveryRequestGetsAnAnswer() throws Exception {
        try (RunningService service = RunningService.start(redis.host(), redis.port(),
                k -> k.decisionTimeout(Duration.ofSeconds(10)), s -> s.threads(1).queueSize(1))) {
            redis.pause();
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            calls.add(call(service));
            await().until(() -> metric(service, "quantum_safety_service_in_flight") == 1);
            calls.add(call(service));
            await().until(() -> metric(service, "quantum_safety_service_in_flight") == 2);
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> rejected = call(service).get();
                assertThat(rejected.statusCode()).isEqualTo(503);
                assertThat(rejected.headers().firstValue("retry-after")).hasValue("1");
                assertThat(rejected.body()).contains("queue is full");
            }
            redis.resume();
            for (CompletableFuture<HttpResponse<String>> taken : calls) {
                assertThat(taken.get().statusCode()).isEqualTo(200);
                assertThat(taken.get().body()).contains("\"reason\":\"OK\"");
            }
            String metrics = service.get("/metrics").body();
            assertThat(metrics).contains("quantum_safety_service_rejected_total{cause=\"queue_full\"} 5.0")
                    .contains("quantum_safety_service_requests_total{code=\"503\",handler=\"decide\"} 5.0")
                    .contains("quantum_safety_service_requests_total{code=\"200\",handler=\"decide\"} 2.0");
        }
    }

    @Test
    void aRequestThatWaitedPastTheDecisionTimeoutIsNotDecided() throws Exception {
        try (RunningService service = RunningService.start(redis.host(), redis.port(),
                k -> k.decisionTimeout(Duration.ofMillis(300)), s -> s.threads(1).queueSize(8))) {
            redis.pause();
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(call(service));
            }
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> c : calls) {
                answers.add(c.get());
            }

            // One thread, 300 ms per decision: the third and fourth request waited at least two decisions.
            List<HttpResponse<String>> late = answers.stream().filter(a -> a.statusCode() == 503).toList();
            assertThat(late).isNotEmpty().allSatisfy(a -> assertThat(a.body())
                    .contains("waited longer than the decision timeout"));
            assertThat(answers).filteredOn(a -> a.statusCode() == 200).isNotEmpty()
                    .allSatisfy(a -> assertThat(a.body()).contains("\"reason\":\"FAIL_CLOSED_ERROR\""));
            assertThat(service.get("/metrics").body())
                    .contains("quantum_safety_service_rejected_total{cause=\"deadline\"} " + late.size() + ".0");
        }
    }

    @Test
    void aGracefulStopAnswersWhatItTookAndRefusesWhatComesAfter() throws Exception {
        RunningService service = RunningService.start(redis.host(), redis.port(),
                k -> k.decisionTimeout(Duration.ofSeconds(10)), s -> s.threads(2));
        try {
            redis.pause();
            CompletableFuture<HttpResponse<String>> inFlight = call(service);
            await().until(() -> metric(service, "quantum_safety_service_in_flight") == 1);
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(service.service()::close, callers);
            await().until(() -> service.service().addresses().isEmpty() || refusesNewRequests(service));

            redis.resume();
            HttpResponse<String> answered = inFlight.get();
            assertThat(answered.statusCode()).isEqualTo(200);
            assertThat(answered.body()).contains("\"reason\":\"OK\"");
            stopping.get();
        } finally {
            service.kernel().close();
            service.redis().close();
        }
    }

    private static boolean refusesNewRequests(RunningService service) {
        try {
            return service.get("/-/ready").statusCode() == 503;
        } catch (RuntimeException e) {
            return true;
        }
    }

    private CompletableFuture<HttpResponse<String>> call(RunningService service) {
        return CompletableFuture.supplyAsync(() -> service.post("/v1/decide", INTENT), callers);
    }

    private static double metric(RunningService service, String name) {
        return service.get("/metrics").body().lines().filter(l -> l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1))).findFirst().orElse(-1);
    }
}
