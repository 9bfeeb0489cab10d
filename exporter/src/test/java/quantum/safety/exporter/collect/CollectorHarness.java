package quantum.safety.exporter.collect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import quantum.safety.exporter.MetricsText;
import quantum.safety.kernel.KernelConfig;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.state.LegacySymbolIndex;
import quantum.safety.state.RedisFeatures;
import quantum.safety.state.StateQuery;
import quantum.safety.state.StateRead;
import quantum.safety.state.StatusLimits;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;

/** Runs one collector the way a collection does (queue the read on a pipeline, sync, render) against a real Redis. */
final class CollectorHarness implements AutoCloseable {

    private final UnifiedJedis jedis;
    private RedisFeatures features;
    private long nowMillis;
    private Deadline deadline;
    private LegacySymbolIndex legacyIndex;

    CollectorHarness(String host, int port, RedisFeatures features, long nowMillis) {
        this.jedis = new JedisPooled(host, port);
        this.features = features;
        this.nowMillis = nowMillis;
    }

    CollectorHarness now(long millis) {
        this.nowMillis = millis;
        return this;
    }

    CollectorHarness deadline(Deadline deadline) {
        this.deadline = deadline;
        return this;
    }

    /** Reads windows written by the old kernel through {@code index}, as the exporter does, instead of a scan. */
    CollectorHarness legacyIndex(LegacySymbolIndex index) {
        this.legacyIndex = index;
        return this;
    }

    CollectorHarness features(RedisFeatures features) {
        this.features = features;
        return this;
    }

    record Result(CollectorOutput output, MetricsText metrics) {
    }

    Result run(RedisCollector collector) {
        Deadline effective = deadline != null ? deadline : Deadline.after(java.time.Duration.ofSeconds(30));
        StatusLimits limits = StatusLimits.builder().kernel(KernelConfig.defaults()).lastFaults(10).build();
        StateQuery query = collector.query(StateQuery.of(RedisSchema.legacy(), nowMillis, limits, features.entriesAdded()));
        StateRead read;
        try (AbstractPipeline pipeline = jedis.pipelined()) {
            read = legacyIndex != null ? StateRead.queue(pipeline, query, jedis, effective::isExpired, legacyIndex)
                    : StateRead.queue(pipeline, query, jedis, effective::isExpired);
            pipeline.sync();
        }
        CollectorOutput out = new CollectorOutput();
        collector.render(read, out);
        return new Result(out, new MetricsText(text(out)));
    }

    static String text(CollectorOutput out) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(bytes, MetricSnapshots.of(out.snapshots().toArray(
                    io.prometheus.metrics.model.snapshots.MetricSnapshot[]::new)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        jedis.close();
    }
}
