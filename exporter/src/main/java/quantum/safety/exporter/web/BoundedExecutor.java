package quantum.safety.exporter.web;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP threads: at most {@code maxThreads}, created on demand and retired when idle. When all are busy the server's
 * accept thread waits for one (as client_java's own server does) instead of queueing without bound; every request ends
 * within its scrape deadline, so the wait is short.
 */
final class BoundedExecutor {

    private BoundedExecutor() {
    }

    static ExecutorService create(int maxThreads) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(maxThreads, maxThreads, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread thread = new Thread(r, "quantum-safety-http-" + n.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, (task, pool) -> {
                    if (pool.isShutdown()) {
                        throw new RejectedExecutionException("the exporter is shutting down");
                    }
                    try {
                        pool.getQueue().put(task);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new RejectedExecutionException("interrupted while waiting for an HTTP thread", e);
                    }
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
