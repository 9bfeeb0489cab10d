package quantum.safety.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import quantum.safety.kernel.Decision;
import quantum.safety.kernel.Intent;
import quantum.safety.kernel.Reason;
import quantum.safety.kernel.SafetyKernel;

/**
 * The simulated order flow: a few threads (each one "trading service") ask the real {@link SafetyKernel} about
 * intents at a calm base rate and publish the allowed ones; a scheduler adds bursts that trip SAFE MODE, alternating
 * a one-symbol burst ({@code SYMBOL_RATE_EXCEEDED}) and a spread-out one ({@code GLOBAL_RATE_EXCEEDED}), and once a
 * kill switch drill through the audited operations. Every random choice comes from the seed.
 */
final class OrderFlow implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OrderFlow.class);
    private static final String ACTOR = "demo";
    /** Share of intents that only reduce a position: they pass SAFE MODE as REDUCE_ONLY_ALLOWED. */
    private static final double REDUCE_ONLY_SHARE = 0.1;

    private final SafetyKernel kernel;
    private final IntentPublisher publisher;
    private final SymbolMix mix;
    private final DemoSettings settings;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set while the drill holds the kill switch, so stopping mid-drill releases it (an external Redis keeps it). */
    private final AtomicBoolean killEngaged = new AtomicBoolean();
    private final AtomicLong sequence = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "quantum-safety-demo-bursts"));
    private final Random burstRandom;
    private boolean nextBurstIsSymbol = true;

    private OrderFlow(SafetyKernel kernel, IntentPublisher publisher, SymbolMix mix, DemoSettings settings) {
        this.kernel = kernel;
        this.publisher = publisher;
        this.mix = mix;
        this.settings = settings;
        this.burstRandom = new Random(settings.seed() * 31 + 7);
    }

    static OrderFlow start(SafetyKernel kernel, IntentPublisher publisher, SymbolMix mix, DemoSettings settings) {
        OrderFlow flow = new OrderFlow(kernel, publisher, mix, settings);
        for (int i = 0; i < settings.threads(); i++) {
            int index = i;
            Thread thread = daemon(() -> flow.baseFlow(index), "quantum-safety-demo-flow-" + i);
            flow.threads.add(thread);
            thread.start();
        }
        flow.scheduler.scheduleWithFixedDelay(flow::burst, settings.firstBurst().toMillis(),
                settings.burstEvery().toMillis(), TimeUnit.MILLISECONDS);
        flow.scheduler.schedule(flow::killDrill, settings.killDrillAt().toMillis(), TimeUnit.MILLISECONDS);
        return flow;
    }

    private void baseFlow(int index) {
        Random random = new Random(settings.seed() + index);
        double meanPauseNanos = settings.threads() / settings.rate() * 1e9;
        do {
            String side = random.nextBoolean() ? "BUY" : "SELL";
            Intent intent = intent(mix.pick(random), side, random.nextDouble() < REDUCE_ONLY_SHARE);
            decideAndPublish(intent, 0.001 + random.nextInt(1000) / 1000.0);
        } while (!pause(exponential(random, meanPauseNanos)));
    }

    /** One burst, then nothing until the next: it runs until the kernel trips (or SAFE MODE was already on). */
    private void burst() {
        try {
            boolean symbolBurst = nextBurstIsSymbol;
            nextBurstIsSymbol = !nextBurstIsSymbol;
            List<String> names = mix.names();
            // A quiet symbol, so its burst visibly takes over the top of the ranking.
            String target = names.get(1 + burstRandom.nextInt(names.size() - 1));
            int limit = 3 * ((symbolBurst ? settings.symbolMax() : settings.globalMax()) + 1);
            for (int i = 0; i < limit && stop.getCount() > 0; i++) {
                String symbol = symbolBurst ? target : names.get(i % names.size());
                Decision decision = decideAndPublish(intent(symbol, i % 2 == 0 ? "BUY" : "SELL", false), 0.01);
                if (decision.tripped() || isBlockedAnyway(decision.reason())) {
                    LOG.debug("{} burst ended after {} intents with {}", symbolBurst ? "symbol" : "global", i + 1,
                            decision.reason());
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("demo burst failed: {}", e.toString());
        }
    }

    private void killDrill() {
        try {
            killEngaged.set(true);
            kernel.operations().engageKillSwitch(ACTOR, "demo drill: kill switch on for " + settings.killDrillLength());
            scheduler.schedule(() -> releaseKillSwitch("demo drill over"), settings.killDrillLength().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            LOG.warn("demo kill switch drill failed: {}", e.toString());
        }
    }

    private void releaseKillSwitch(String why) {
        if (killEngaged.compareAndSet(true, false)) {
            try {
                kernel.operations().releaseKillSwitch(ACTOR, why);
            } catch (RuntimeException e) {
                LOG.warn("demo could not release the kill switch: {}", e.toString());
            }
        }
    }

    private Decision decideAndPublish(Intent intent, double quantity) {
        Decision decision = kernel.decide(intent);
        if (decision.allowed()) {
            try {
                publisher.publish(intent, decision, quantity);
            } catch (RuntimeException e) {
                if (stop.getCount() > 0) {
                    LOG.warn("demo could not publish an intent: {}", e.toString());
                }
            }
        }
        return decision;
    }

    private Intent intent(String symbol, String side, boolean reduceOnly) {
        long n = sequence.incrementAndGet();
        return new Intent(symbol, side, reduceOnly, "demo-" + n, String.format("%016x", n));
    }

    private static boolean isBlockedAnyway(Reason reason) {
        return reason == Reason.SAFE_MODE_ENABLED || reason == Reason.KILL_SWITCH_ENGAGED;
    }

    /** Waits, or returns true at once when the flow is stopping. */
    private boolean pause(long nanos) {
        try {
            return stop.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Poisson arrivals look like real order flow; the cap keeps a long gap from stalling a short demo window. */
    private static long exponential(Random random, double meanNanos) {
        double draw = -Math.log(1 - random.nextDouble()) * meanNanos;
        return (long) Math.min(draw, 4 * meanNanos);
    }

    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stop.countDown();
        scheduler.shutdownNow();
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        releaseKillSwitch("demo stopped during the drill");
    }
}
