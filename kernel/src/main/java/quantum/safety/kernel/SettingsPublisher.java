package quantum.safety.kernel;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import quantum.safety.kernel.log.RateLimitedLog;
import redis.clients.jedis.UnifiedJedis;

/**
 * Keeps one kernel's {@link PublishedSettings} in Redis: at once, then every {@link #REFRESH}, each time with a
 * lifetime of {@link #TTL}, on one daemon thread shared by every kernel of the process, never on a decision's thread.
 * A publication that fails is counted and logged (at most once per log interval); decisions never wait for it.
 *
 * <p>It stops when its kernel is closed (and removes its entry), when the kernel is garbage collected without being
 * closed, and when the kernel's client has been closed, so that a dropped kernel never writes into Redis again.
 */
final class SettingsPublisher implements AutoCloseable {

    /** How long an entry counts as live: three refreshes, so one lost publication does not drop a kernel. */
    static final Duration TTL = Duration.ofSeconds(60);
    static final Duration REFRESH = Duration.ofSeconds(20);

    private static final String TOPIC = "settings";
    private static final LuaScript SCRIPT = LuaScript.fromResource("publish.lua");
    private static final ScheduledThreadPoolExecutor THREAD = daemonThread();

    private final UnifiedJedis redis;
    private final String key;
    private final String kernelId;
    private final List<byte[]> keys;
    private final List<byte[]> args;
    private final RateLimitedLog log;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile ScheduledFuture<?> refresh;
    /** Guarded by {@code this}: a publication never lands after {@link #close()} removed the entry. */
    private boolean stopped;

    private SettingsPublisher(UnifiedJedis redis, RedisSchema schema, KernelConfig config, RateLimitedLog log) {
        this.redis = redis;
        this.key = schema.kernelSettings();
        this.kernelId = config.kernelId();
        this.keys = List.of(LuaScript.bytes(key));
        this.args = List.of(LuaScript.bytes(kernelId), LuaScript.bytes(PublishedSettings.of(config).encode()),
                LuaScript.bytes(Long.toString(TTL.toSeconds())));
        this.log = log;
    }

    /** Starts publishing at once, then every {@code every}. */
    static SettingsPublisher start(UnifiedJedis redis, RedisSchema schema, KernelConfig config, RateLimitedLog log,
                                   Duration every) {
        SettingsPublisher publisher = new SettingsPublisher(redis, schema, config, log);
        Refresh task = new Refresh(new WeakReference<>(publisher));
        ScheduledFuture<?> future = THREAD.scheduleWithFixedDelay(task, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        task.future = future;
        publisher.refresh = future;
        return publisher;
    }

    /** Publishes now, on the caller's thread; false when stopped or when Redis refused (counted and logged). */
    synchronized boolean publish() {
        if (stopped) {
            return false;
        }
        try {
            SCRIPT.run(redis, keys, args);
            published.incrementAndGet();
            return true;
        } catch (RuntimeException e) {
            // Whatever went wrong, the refresh must go on: a periodic task that throws is never run again.
            if (clientClosed(e)) {
                stopped = true;
                cancelRefresh();
                return false;
            }
            failures.incrementAndGet();
            log.warn(TOPIC, "the kernel's settings could not be published to " + key + " (decisions go on; readers "
                    + "lose sight of this kernel's limits once its entry expires)", e);
            return false;
        }
    }

    synchronized boolean isStopped() {
        return stopped;
    }

    SettingsPublication stats() {
        return new SettingsPublication(published.get(), failures.get());
    }

    /** Stops the refresh and removes this kernel's entry (best effort: it expires anyway). */
    @Override
    public void close() {
        cancelRefresh();
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            try {
                redis.hdel(key, kernelId);
            } catch (RuntimeException e) {
                log.warn(TOPIC, "the kernel's settings entry could not be removed from " + key + "; it expires within "
                        + TTL.toSeconds() + " s", e);
            }
        }
    }

    private void cancelRefresh() {
        ScheduledFuture<?> own = refresh;
        if (own != null) {
            own.cancel(false);
        }
    }

    /** A pool that was closed under the kernel: nothing will ever be published through it again. */
    private static boolean clientClosed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalStateException && String.valueOf(t.getMessage()).contains("not open")) {
                return true;
            }
        }
        return false;
    }

    /** Holds its publisher weakly, so that a kernel dropped without {@link #close()} stops publishing once collected. */
    private static final class Refresh implements Runnable {
        private final WeakReference<SettingsPublisher> publisher;
        private volatile ScheduledFuture<?> future;

        Refresh(WeakReference<SettingsPublisher> publisher) {
            this.publisher = publisher;
        }

        @Override
        public void run() {
            SettingsPublisher target = publisher.get();
            if (target == null || target.isStopped()) {
                ScheduledFuture<?> own = future;
                if (own != null) {
                    own.cancel(false);
                }
                return;
            }
            target.publish();
        }
    }

    private static ScheduledThreadPoolExecutor daemonThread() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "quantum-safety-kernel-settings");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
