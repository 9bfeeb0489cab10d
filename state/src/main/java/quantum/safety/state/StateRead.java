package quantum.safety.state;

import java.util.Objects;
import java.util.Optional;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;

/**
 * One read of the kernel's state: every reader queued on the caller's pipeline (one round trip for all of them), then
 * each record finished on first use. A record whose reading needs more round trips (a last hour longer than one page,
 * the legacy counter scan) costs them then, bounded by the budget, so a caller that wants the cheap records first
 * (the exporter publishes each collector's result as it is ready) asks for them first.
 *
 * <p>Use it from one thread; each record is finished once and then kept.
 */
public final class StateRead {

    private final StateQuery query;
    private final Once<SafeModeState> safeMode;
    private final Once<ExecutionControls> controls;
    private final Once<KernelStats> kernelStats;
    private final Once<FaultWindow> faults;
    private final RateWindowsRead windows;
    private final Once<Optional<IntentFlow>> intents;
    private final UnifiedJedis redis;
    private final ReadBudget budget;

    private StateRead(AbstractPipeline pipeline, StateQuery query, UnifiedJedis redis, ReadBudget budget) {
        this.query = Objects.requireNonNull(query, "query");
        this.redis = Objects.requireNonNull(redis, "redis");
        this.budget = Objects.requireNonNull(budget, "budget");
        SafeModeReader safeModeReader = SafeModeReader.queue(pipeline, query.schema());
        ExecutionControlsReader controlsReader = ExecutionControlsReader.queue(pipeline, query.schema());
        KernelStatsReader kernelReader = KernelStatsReader.queue(pipeline, query.schema());
        FaultWindowReader faultReader = FaultWindowReader.queue(pipeline, query.schema().faultStream(),
                query.nowMillis(), query.newestFaults(), query.entriesAdded(), query.faultsSeen());
        this.windows = RateWindowsRead.queue(pipeline, query.schema(), query.nowMillis(), query.windowSeconds(),
                query.topSymbols());
        Optional<IntentFlowReader> intentReader = query.readIntents() ? Optional.of(IntentFlowReader.queue(pipeline,
                query.schema().tradeIntentStream(), query.nowMillis(), query.entriesAdded(), query.intentsSeen()))
                : Optional.empty();
        this.safeMode = new Once<>(safeModeReader::finish);
        this.controls = new Once<>(controlsReader::finish);
        this.kernelStats = new Once<>(kernelReader::finish);
        // On Redis 6.2 the fault total is the kernel's trip count.
        this.faults = new Once<>(() -> faultReader.finish(redis, budget, kernelStats().trips()));
        this.intents = new Once<>(() -> intentReader.map(reader -> reader.finish(redis, budget)));
    }

    /**
     * Queues every read on {@code pipeline}; sync the pipeline before asking for a record.
     *
     * @param redis  for the follow-up round trips only; a connection failure there propagates as a Jedis exception
     * @param budget when follow-up round trips must stop
     */
    public static StateRead queue(AbstractPipeline pipeline, StateQuery query, UnifiedJedis redis, ReadBudget budget) {
        return new StateRead(pipeline, query, redis, budget);
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

    public RateWindow currentWindow() {
        return windows.current(redis, budget);
    }

    public RateWindow previousWindow() {
        return windows.previous(redis, budget);
    }

    /** The trade-intent stream, when the query asked for it. */
    public Optional<IntentFlow> intents() {
        return intents.get();
    }
}
