package quantum.safety.service.http;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads requests run on, off Netty's I/O threads (a decision blocks on Redis for up to its deadline): a fixed
 * pool for decisions and operations, whose bounded queue turns overload into an immediate 503 rather than a wait
 * without limit, and a small pool for probes and scrapes, so that {@code /metrics} and {@code /-/ready} answer while
 * decisions queue.
 */
public final class Workers {

    private static final int ADMIN_THREADS = 2;
    private static final int ADMIN_QUEUE = 64;

    private final ThreadPoolExecutor decisions;
    private final ThreadPoolExecutor admin;

    public Workers(int threads, int queueSize) {
        this.decisions = pool("quantum-safety-decide-", threads, queueSize);
        this.admin = pool("quantum-safety-admin-", ADMIN_THREADS, ADMIN_QUEUE);
    }

    private static ThreadPoolExecutor pool(String prefix, int threads, int queueSize) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueSize), r -> {
                    Thread thread = new Thread(r, prefix + n.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    ExecutorService decisions() {
        return decisions;
    }

    ExecutorService admin() {
        return admin;
    }

    /** Lets queued and running requests finish, at most {@code grace}; true when all did. */
    boolean drain(Duration grace) throws InterruptedException {
        decisions.shutdown();
        admin.shutdown();
        long deadline = System.nanoTime() + grace.toNanos();
        boolean done = decisions.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS);
        return admin.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS) && done;
    }

    void stopNow() {
        decisions.shutdownNow();
        admin.shutdownNow();
    }
}
