package quantum.safety.state;

import java.util.Objects;
import java.util.Optional;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;

/**
 * One read of the kernel's state: every reader queued on the caller's pipeline (one round trip for all of them), then
 * each record finished on first use. A record whose reading needs more round trips (a last hour longer than one page,
 * the legacy counters) costs them then, bounded by the budget, so a caller that wants the cheap records first
 * (the exporter publishes each collector's result as it is ready) asks for them first.
 *
 * <p>The rate windows are those of the window the live kernels published ({@link #kernels()}): the query's window is
 * only a guess (the caller's configuration, or what it read last time). When the guess was wrong, the windows are read
 * again with the kernels' window, one more round trip, so their buckets are always the ones the kernels count in.
 *
 * <p>Use it from one thread; each record is finished once and then kept.
 */
public final class StateRead {

    private final StateQuery query;
    private final Once<SafeModeState> safeMode;
    private final Once<ExecutionControls> controls;
    private final Once<KernelStats> kernelStats;
    private final Once<FaultWindow> faults;
    private final Once<LiveKernels> kernels;
    private final Once<RateWindowsRead> windows;
    private final Once<Optional<IntentFlow>> intents;
    private final UnifiedJedis redis;
    private final ReadBudget budget;
    private final LegacySymbolIndex legacyIndex;

    private StateRead(AbstractPipeline pipeline, StateQuery query, UnifiedJedis redis, ReadBudget budget,
                      LegacySymbolIndex legacyIndex) {
        this.query = Objects.requireNonNull(query, "query");
        this.redis = Objects.requireNonNull(redis, "redis");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.legacyIndex = legacyIndex;
        SafeModeReader safeModeReader = SafeModeReader.queue(pipeline, query.schema());
        ExecutionControlsReader controlsReader = ExecutionControlsReader.queue(pipeline, query.schema());
        KernelStatsReader kernelReader = KernelStatsReader.queue(pipeline, query.schema());
        FaultWindowReader faultReader = FaultWindowReader.queue(pipeline, query.schema().faultStream(),
                query.nowMillis(), query.newestFaults(), query.entriesAdded(), query.faultsSeen());
        LiveKernelsReader kernelsReader = LiveKernelsReader.queue(pipeline, query.schema());
        RateWindowsRead guessed = RateWindowsRead.queue(pipeline, query.schema(), query.nowMillis(),
                query.windowSeconds(), query.topSymbols(), legacyIndex);
        Optional<IntentFlowReader> intentReader = query.readIntents() ? Optional.of(IntentFlowReader.queue(pipeline,
                query.schema().tradeIntentStream(), query.nowMillis(), query.entriesAdded(), query.intentsSeen()))
                : Optional.empty();
        this.safeMode = new Once<>(safeModeReader::finish);
        this.controls = new Once<>(controlsReader::finish);
        this.kernelStats = new Once<>(kernelReader::finish);
        // On Redis 6.2 the fault total is the kernel's trip count.
        this.faults = new Once<>(() -> faultReader.finish(redis, budget, kernelStats().trips()));
        this.intents = new Once<>(() -> intentReader.map(reader -> reader.finish(redis, budget)));
        this.kernels = new Once<>(() -> kernelsReader.finish(query.nowMillis()));
        this.windows = new Once<>(() -> windowOfTheKernels(guessed));
    }

    /** The windows read with the guessed window, or read again with the one the live kernels published. */
    private RateWindowsRead windowOfTheKernels(RateWindowsRead guessed) {
        int window = kernels().reference().map(k -> k.windowSeconds()).orElse(query.windowSeconds());
        if (window == query.windowSeconds()) {
            return guessed;
        }
        try (AbstractPipeline pipeline = redis.pipelined()) {
            RateWindowsRead again = RateWindowsRead.queue(pipeline, query.schema(), query.nowMillis(), window,
                    query.topSymbols(), legacyIndex);
            pipeline.sync();
            return again;
        }
    }

    /**
     * Queues every read on {@code pipeline}; sync the pipeline before asking for a record.
     *
     * @param redis  for the follow-up round trips only; a connection failure there propagates as a Jedis exception
     * @param budget when follow-up round trips must stop
     */
    public static StateRead queue(AbstractPipeline pipeline, StateQuery query, UnifiedJedis redis, ReadBudget budget) {
        return new StateRead(pipeline, query, redis, budget, null);
    }

    /**
     * As {@link #queue(AbstractPipeline, StateQuery, UnifiedJedis, ReadBudget)}, for a caller that reads often (the
     * exporter): windows written by the old kernel are read through {@code legacyIndex} rather than by a scan of the
     * keyspace on every read.
     */
    public static StateRead queue(AbstractPipeline pipeline, StateQuery query, UnifiedJedis redis, ReadBudget budget,
                                  LegacySymbolIndex legacyIndex) {
        return new StateRead(pipeline, query, redis, budget, Objects.requireNonNull(legacyIndex, "legacyIndex"));
    }

    public StateQuery query() {
        return query;
    }

    public SafeModeState safeMode() {
        return safeMode.get();
    }

    public ExecutionControls controls() {
        return controls.get();
    }

    public KernelStats kernelStats() {
        return kernelStats.get();
    }

    /** The fault window; on Redis 6.2 its total is the kernel's trip count from {@link #kernelStats()}. */
    public FaultWindow faults() {
        return faults.get();
    }

    /** The kernels that published their settings, live on the Redis server's clock. */
    public LiveKernels kernels() {
        return kernels.get();
    }

    /** The window now, in the window of the live kernels (see the class comment). */
    public RateWindow currentWindow() {
        return windows.get().current(redis, budget);
    }

    /** The window before it, of the same length as {@link #currentWindow()}'s and read with it. */
    public RateWindow previousWindow() {
        return windows.get().previous(redis, budget);
    }

    /** The trade-intent stream, when the query asked for it. */
    public Optional<IntentFlow> intents() {
        return intents.get();
    }
}
