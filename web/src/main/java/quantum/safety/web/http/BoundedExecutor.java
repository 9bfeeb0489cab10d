package quantum.safety.web.http;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP threads: at most {@code maxThreads}, created on demand and retired after a minute idle. When all are busy the server's
 * accept thread waits for one (as client_java's own server does) instead of queueing without bound; every request ends
 * within its scrape deadline, so the wait is short.
 */
final class BoundedExecutor {

    private BoundedExecutor() {
    }

    static ExecutorService create(int maxThreads) {
        AtomicInteger n = new AtomicInteger();
        // One core thread; more are created only while all are busy (an idle one takes the next request), so a
        // single Prometheus keeps one or two threads alive, not maxThreads.
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, maxThreads, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread thread = new Thread(r, "quantum-safety-http-" + n.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, (task, pool) -> {
                    if (pool.isShutdown()) {
                        throw new RejectedExecutionException("the server is shutting down");
                    }
                    try {
                        pool.getQueue().put(task);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new RejectedExecutionException("interrupted while waiting for an HTTP thread", e);
                    }
                });
        return executor;
    }
}
