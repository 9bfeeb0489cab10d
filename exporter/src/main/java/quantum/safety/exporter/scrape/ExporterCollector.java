package quantum.safety.exporter.scrape;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import quantum.safety.exporter.BuildIdentity;
import quantum.safety.exporter.collect.Snapshots;
import quantum.safety.exporter.redis.RedisSession;
import quantum.safety.kernel.log.RateLimitedLog;

/**
 * What the registry calls on each scrape: asks the {@link ScrapeCoordinator} for a collection within the scrape's
 * budget, and adds the exporter's own families (Redis up, collector success and duration, counters, build info).
 *
 * <p>It never throws: an exception here would be an HTTP 500, and a failure must be a value.
 */
public final class ExporterCollector implements MultiCollector {

    private static final Logger LOG = LoggerFactory.getLogger(ExporterCollector.class);

    private final ScrapeCoordinator coordinator;
    private final ScrapeStats stats;
    private final RedisSession session;
    private final BuildIdentity build;
    private final Duration maxScrapeTimeout;
    private final RateLimitedLog log = new RateLimitedLog(LOG, RateLimitedLog.DEFAULT_INTERVAL);

    public ExporterCollector(ScrapeCoordinator coordinator, ScrapeStats stats, RedisSession session,
                             BuildIdentity build, Duration maxScrapeTimeout) {
        this.coordinator = coordinator;
        this.stats = stats;
        this.session = session;
        this.build = build;
        this.maxScrapeTimeout = maxScrapeTimeout;
    }

    @Override
    public MetricSnapshots collect() {
        return collect((PrometheusScrapeRequest) null);
    }

    @Override
    public MetricSnapshots collect(PrometheusScrapeRequest request) {
        String header = request instanceof PrometheusHttpRequest http ? http.getHeader(ScrapeBudget.HEADER) : null;
        Duration budget = ScrapeBudget.of(header, maxScrapeTimeout);
        ScrapeCoordinator.Result result;
        try {
            result = coordinator.scrape(budget);
        } catch (RuntimeException e) {
            LOG.error("scrape failed", e);
            return selfOnly(null);
        }
        if (result.deadlineExceeded()) {
            log.warn("deadline", "scrape deadline of " + budget.toMillis() + " ms passed before the collection finished; "
                    + "answered with the collectors that had finished");
        }
        try {
            MetricSnapshots.Builder builder = MetricSnapshots.builder();
            List<MetricSnapshot> collected = new ArrayList<>();
            result.view().results().forEach(r -> collected.addAll(r.snapshots()));
            Families.merge(collected).forEach(builder::metricSnapshot);
            self(result.view()).forEach(builder::metricSnapshot);
            return builder.build();
        } catch (RuntimeException e) {
            LOG.error("cannot assemble the scrape's snapshots", e);
            return selfOnly(result.view());
        }
    }

    private MetricSnapshots selfOnly(CollectionRun.View view) {
        MetricSnapshots.Builder builder = MetricSnapshots.builder();
        self(view).forEach(builder::metricSnapshot);
        return builder.build();
    }

    private List<MetricSnapshot> self(CollectionRun.View view) {
        List<MetricSnapshot> list = new ArrayList<>();
        if (view != null) {
            Map<String, Integer> success = new LinkedHashMap<>();
            GaugeSnapshot.Builder duration = GaugeSnapshot.builder().name("quantum_safety_collector_duration_seconds")
                    .help("Time from the start of the collection until the collector finished (or the scrape stopped "
                            + "waiting for it).").unit(Unit.SECONDS);
            for (CollectorResult r : view.results()) {
                success.put(r.collector(), r.success() ? 1 : 0);
                duration.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("collector", r.collector()))
                        .value(r.durationSeconds()).build());
            }
            list.add(Snapshots.gaugeByLabel("quantum_safety_collector_success",
                    "1 when the collector read its Redis data in this scrape, 0 when Redis failed, the data was bad "
                            + "or the deadline passed first.", "collector", success));
            list.add(duration.build());
        }
        list.add(Snapshots.gauge("quantum_safety_redis_up",
                "1 when Redis answered this scrape's collection, 0 when it failed or did not answer before the deadline.",
                view != null && view.redisUp() ? 1 : 0));
        list.add(Snapshots.gauge("quantum_safety_redis_last_error_timestamp",
                "Unix seconds of the last failed Redis call; 0 if none since the exporter started.",
                session.lastErrorEpochSeconds()));
        list.add(Snapshots.counter("quantum_safety_exporter_scrapes",
                "Collections performed (concurrent scrapes share one).", stats.collections()));
        list.add(Snapshots.counter("quantum_safety_exporter_errors",
                "Collections that failed: Redis unreachable, or a collector's data was bad.", stats.failedCollections()));
        list.add(Snapshots.counter("quantum_safety_exporter_scrape_deadline_exceeded",
                "Scrapes answered at their deadline, before the collection had finished.", stats.deadlineExceeded()));
        list.add(Snapshots.info("quantum_safety_exporter_build", "Build identity of the exporter (value 1).",
                Labels.of("deployment", build.deployment(), "git", build.git(), "version", build.version())));
        return list;
    }
}
