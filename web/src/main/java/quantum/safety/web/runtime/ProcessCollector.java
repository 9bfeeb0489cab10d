package quantum.safety.web.runtime;

import java.time.Instant;
import java.util.OptionalDouble;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * The standard {@code process_*} metrics (the names, help and units of client_java's {@code ProcessMetrics}, which
 * {@code QuantumSafetyExporterMemoryHigh} and the dashboard read) from {@code /proc/self}, plus the heap from
 * {@link Runtime}.
 *
 * <p>client_java reads the same values through {@code java.management} beans: that module's classes cost a small server
 * about 2.5 MB of resident memory and its JVM collectors about 1 ms of CPU per scrape (docs/benchmarks.md); the full
 * JVM set stays available with {@code --collector.jvm}.
 */
public final class ProcessCollector implements MultiCollector {

    private final ProcFiles proc;
    /** NaN when the OS does not say: the series is left out rather than showing a made-up start. */
    private final double startSeconds;
    private final boolean heap;

    /** @param heap whether to export the heap's {@code jvm_memory_*{area="heap"}} (off when the JVM collectors do) */
    public ProcessCollector(boolean heap) {
        this(ProcFiles.self(), ProcessHandle.current().info().startInstant().orElse(null), heap);
    }

    ProcessCollector(ProcFiles proc, Instant start, boolean heap) {
        this.proc = proc;
        this.startSeconds = start == null ? Double.NaN : start.toEpochMilli() / 1000d;
        this.heap = heap;
    }

    @Override
    public MetricSnapshots collect() {
        MetricSnapshots.Builder out = MetricSnapshots.builder();
        OptionalDouble cpu = proc.cpuSeconds();
        if (cpu.isPresent()) {
            out.metricSnapshot(CounterSnapshot.builder().name("process_cpu_seconds").unit(Unit.SECONDS)
                    .help("Total user and system CPU time spent in seconds.")
                    .dataPoint(CounterDataPointSnapshot.builder().value(cpu.getAsDouble()).build()).build());
        }
        if (!Double.isNaN(startSeconds)) {
            out.metricSnapshot(gauge("process_start_time_seconds",
                    "Start time of the process since unix epoch in seconds.", Unit.SECONDS, startSeconds));
        }
        proc.openFds().ifPresent(v -> out.metricSnapshot(gauge("process_open_fds", "Number of open file descriptors.",
                null, v)));
        proc.maxFds().ifPresent(v -> out.metricSnapshot(gauge("process_max_fds",
                "Maximum number of open file descriptors.", null, v)));
        String status = proc.status();
        ProcFiles.statusBytes(status, "VmSize").ifPresent(v -> out.metricSnapshot(gauge("process_virtual_memory_bytes",
                "Virtual memory size in bytes.", Unit.BYTES, v)));
        ProcFiles.statusBytes(status, "VmRSS").ifPresent(v -> out.metricSnapshot(gauge("process_resident_memory_bytes",
                "Resident memory size in bytes.", Unit.BYTES, v)));
        if (heap) {
            Runtime runtime = Runtime.getRuntime();
            out.metricSnapshot(heapGauge("jvm_memory_used_bytes", "Used bytes of a given JVM memory area.",
                    runtime.totalMemory() - runtime.freeMemory()));
            out.metricSnapshot(heapGauge("jvm_memory_committed_bytes", "Committed (bytes) of a given JVM memory area.",
                    runtime.totalMemory()));
            out.metricSnapshot(heapGauge("jvm_memory_max_bytes", "Max (bytes) of a given JVM memory area.",
                    runtime.maxMemory()));
        }
        return out.build();
    }

    private static GaugeSnapshot gauge(String name, String help, Unit unit, double value) {
        GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).build());
        if (unit != null) {
            builder.unit(unit);
        }
        return builder.build();
    }

    private static GaugeSnapshot heapGauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help).unit(Unit.BYTES)
                .dataPoint(GaugeDataPointSnapshot.builder()
                        .labels(io.prometheus.metrics.model.snapshots.Labels.of("area", "heap")).value(value).build())
                .build();
    }
}
