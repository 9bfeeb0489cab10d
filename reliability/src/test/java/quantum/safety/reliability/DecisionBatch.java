package quantum.safety.reliability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import quantum.safety.kernel.Decision;
import quantum.safety.kernel.Intent;
import quantum.safety.kernel.SafetyKernel;

/** A fixed set of intents decided all at once on a few threads, for scenarios whose counts must come out exact. */
final class DecisionBatch {

    private DecisionBatch() {
    }

    /** The answers, in the order of {@code intents}. */
    static List<Decision> decide(SafetyKernel kernel, int threads, List<Intent> intents) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Decision>> tasks = new ArrayList<>();
            for (Intent intent : intents) {
                tasks.add(() -> kernel.decide(intent));
            }
            List<Decision> decisions = new ArrayList<>();
            for (Future<Decision> future : pool.invokeAll(tasks)) {
                decisions.add(future.get());
            }
            return decisions;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** {@code n} copies of one intent. */
    static List<Intent> times(int n, Intent intent) {
        return Collections.nCopies(n, intent);
    }
}
