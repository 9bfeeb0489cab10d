package quantum.safety.state;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.UnifiedJedis;

/**
 * The symbols that have legacy per-symbol counters ({@code safety:rate:symbol:<SYMBOL>:<bucket>}, written by the old
 * kernel, which keeps no ranking), so that a reader that runs on every scrape (the exporter) finds a window's top
 * symbols by reading those symbols' counters, at a cost that does not grow with the keys that are not counters, and
 * mostly by reading again only the busiest ones.
 *
 * <p>A result through the index is exact or it says it is not ({@link LegacyIndexRead} has the steps): the window's
 * global counter proves that no counter the read left out can rank ({@link LegacyTopProof}), or the index walked the
 * keyspace after the window closed; else the read walks the keyspace itself, within its budget, as the scan
 * ({@link LegacySymbolScan}) does on every read.
 *
 * <p>What the index knows comes from walks of the keyspace (SCAN, keys only): the reads' own, when they need one, and
 * one per window by a background thread ({@link LegacyIndexWalker}, on its own client from {@code opener}), started
 * {@link Settings#closeMargin()} after each window begins, so that the window before is known whole while its counters
 * expire. The thread starts on the first read that needs legacy counters and stops when none has for
 * {@link Settings#idleStop()}, or on {@link #close()}: with this project's kernel, whose rankings make the legacy
 * counters unnecessary, it never runs. A symbol stays known for {@link Settings#forgetAfter()} after a walk last saw it,
 * since the same symbols trade window after window.
 */
public final class LegacySymbolIndex implements AutoCloseable {

    /**
     * How the index runs.
     *
     * @param closeMargin how long after a window ends its counters may still be created: the old kernels bucket by
     *                    their own clocks, which the legacy EXPIRE of window + 2 s allows 2 s of skew
     * @param idleStop    the background thread stops after this long without a read that needs legacy counters
     * @param forgetAfter a symbol no walk has seen for this long is forgotten
     * @param maxSymbols  above this many, the symbols the last complete walk did not see are forgotten at once
     * @param pause       the pause after each background SCAN call, given how long the call took
     */
    public record Settings(Duration closeMargin, Duration idleStop, Duration forgetAfter, int maxSymbols,
                           UnaryOperator<Duration> pause) {

        /** 2 s margin, 5 minutes idle, a symbol kept for an hour, at most 100,000, a pause as long as each call. */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofHours(1), 100_000, d -> d);
        }
    }

    /** The name of the background thread. */
    public static final String THREAD_NAME = "quantum-safety-legacy-index";

    private static final long NONE = Long.MIN_VALUE;

    private final RedisSchema schema;
    private final String head;
    private final Settings settings;
    private final LegacyIndexWalker walker;
    /** Symbol -> System.nanoTime() when a walk last saw one of its counters. */
    private final Map<String, Long> symbols = new ConcurrentHashMap<>();
    private final Map<Long, LegacyWindowCounts> counts = new ConcurrentHashMap<>();
    private volatile boolean symbolsChanged;
    private volatile LegacySymbolSnapshot snapshot = LegacySymbolSnapshot.EMPTY;
    private volatile long completedWalkStart = NONE;
    private volatile Need need;

    /** The last read that needed the index: its instant on the Redis clock and on the nano clock, its window. */
    private record Need(long redisMillis, long nanos, int windowSeconds, long bucket) {
    }

    LegacySymbolIndex(Supplier<UnifiedJedis> opener, RedisSchema schema, Settings settings) {
        this.schema = schema;
        this.head = LegacyCounterKey.head(schema);
        this.settings = settings;
        this.walker = new LegacyIndexWalker(this, opener, head, settings);
    }

    /** An index whose background walks open their own client with {@code opener}; nothing runs until first needed. */
    public static LegacySymbolIndex create(Supplier<UnifiedJedis> opener, RedisSchema schema) {
        return new LegacySymbolIndex(opener, schema, Settings.defaults());
    }

    /**
     * The {@code n} busiest symbols of each bucket, read with {@code redis} (the caller's client) within
     * {@code budget}.
     *
     * @param nowMillis unix milliseconds on the Redis server's clock, as the buckets were computed
     */
    Map<Long, LegacyTop> top(UnifiedJedis redis, Set<Long> buckets, int n, long nowMillis, int windowSeconds,
                             ReadBudget budget) {
        long newest = buckets.stream().mapToLong(b -> b).max().orElseThrow();
        need = new Need(nowMillis, System.nanoTime(), windowSeconds, newest);
        counts.keySet().removeIf(bucket -> bucket < newest - 1);
        if (windowSeconds * 1000L > settings.closeMargin().toMillis()) {
            // Shorter windows end before their margin does: a walk could never close one.
            walker.ensureRunning();
        }
        return new LegacyIndexRead(this, redis, schema, buckets, n, nowMillis, windowSeconds, settings.closeMargin(),
                budget).run();
    }

    /** A read's own walk of the keyspace, on the read's client, stopped by its budget; true when complete. */
    boolean walkNow(UnifiedJedis redis, ReadBudget budget) {
        long started = System.nanoTime();
        try {
            boolean complete = LegacyKeyWalk.walk(redis, head, took -> !budget.exhausted(), this::discovered);
            if (complete) {
                completed(started);
            }
            return complete;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The symbols known now, frozen. */
    LegacySymbolSnapshot snapshot() {
        if (symbolsChanged) {
            synchronized (this) {
                if (symbolsChanged) {
                    symbolsChanged = false;
                    snapshot = LegacySymbolSnapshot.of(schema, List.copyOf(symbols.keySet()));
                }
            }
        }
        return snapshot;
    }

    /** What the last read of every known symbol found for {@code bucket}, or null. */
    LegacyWindowCounts counts(long bucket) {
        return counts.get(bucket);
    }

    void keep(LegacyWindowCounts read) {
        counts.put(read.bucket(), read);
    }

    /**
     * Learns the symbols of a page of counter keys, those of buckets near the current one. The current bucket comes
     * from the Redis clock of the last read plus the time since, not from that read's bucket: reads may be windows
     * apart (a slow scrape interval, a Prometheus outage), and a walk that skipped the current window's counters must
     * not later count as having seen them.
     */
    void discovered(List<String> keys) {
        Need last = need;
        long seen = System.nanoTime();
        long redisNow = last.redisMillis() + (seen - last.nanos()) / 1_000_000;
        long newest = Math.max(last.bucket(), Math.floorDiv(redisNow, last.windowSeconds() * 1000L));
        for (String key : keys) {
            LegacyCounterKey counter = LegacyCounterKey.parse(head, key);
            if (counter != null && counter.bucket() >= newest - 3 && counter.bucket() <= newest + 2
                    && symbols.put(counter.symbol(), seen) == null) {
                symbolsChanged = true;
            }
        }
    }

    /** A walk that started at {@code startedNanos} saw every key: forget what neither it nor recent ones saw. */
    void completed(long startedNanos) {
        long forgetBefore = startedNanos - settings.forgetAfter().toNanos();
        boolean forgot = symbols.values().removeIf(seen -> seen - forgetBefore < 0);
        if (symbols.size() > settings.maxSymbols()) {
            forgot |= symbols.values().removeIf(seen -> seen - startedNanos < 0);
        }
        if (forgot) {
            symbolsChanged = true;
        }
        synchronized (this) {
            if (completedWalkStart == NONE || startedNanos - completedWalkStart > 0) {
                completedWalkStart = startedNanos;
            }
        }
    }

    /** When the last complete walk started, on the Redis clock of {@code nowMillis}; Long.MIN_VALUE if none. */
    long completedWalkStartMillis(long nowMillis) {
        long walk = completedWalkStart;
        return walk == NONE ? Long.MIN_VALUE : nowMillis - (System.nanoTime() - walk) / 1_000_000;
    }

    /** Time since the last complete walk started, if one did. */
    Optional<Duration> age() {
        long walk = completedWalkStart;
        return walk == NONE ? Optional.empty() : Optional.of(Duration.ofNanos(Math.max(0, System.nanoTime() - walk)));
    }

    /**
     * Nanoseconds until the background walk is due, 0 or less for now: once per window, {@link Settings#closeMargin()}
     * after it begins on the Redis clock, unless a complete walk started since.
     */
    long nanosUntilWalk() {
        Need last = need;
        long redisNow = last.redisMillis() + (System.nanoTime() - last.nanos()) / 1_000_000;
        long windowMillis = last.windowSeconds() * 1000L;
        long margin = settings.closeMargin().toMillis();
        long due = Math.floorDiv(redisNow - margin, windowMillis) * windowMillis + margin;
        if (completedWalkStartMillis(redisNow) < due) {
            return 0;
        }
        return (due + windowMillis - redisNow) * 1_000_000;
    }

    /** Whether no read has needed the index for {@link Settings#idleStop()}. */
    boolean idle() {
        return System.nanoTime() - need.nanos() > settings.idleStop().toNanos();
    }

    /** How many background walks failed (Redis errors); they are logged at most once a minute. */
    public long walkErrors() {
        return walker.errors();
    }

    /** Whether the background thread runs now. */
    public boolean walking() {
        return walker.running();
    }

    /** How many symbols the index knows. */
    public int size() {
        return symbols.size();
    }

    /** Stops the background thread and closes its client. */
    @Override
    public void close() {
        walker.close();
    }
}
