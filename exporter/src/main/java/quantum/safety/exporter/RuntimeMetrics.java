package quantum.safety.exporter;

import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import quantum.safety.web.runtime.ProcessCollector;

/**
 * The exporter's own runtime metrics. By default the {@code process_*} family and the heap, read from {@code /proc} and
 * {@link Runtime}. With {@code --collector.jvm}, client_java's JVM metrics too (GC, threads, classes, memory pools,
 * compilation, buffer pools), all of {@code JvmMetrics} but two: the memory-pool allocation counters, which hook a
 * listener into every garbage collection, and the native-memory metrics, which run a diagnostic command on every
 * scrape. They are off by default because they cost more than they tell about a small exporter: measured at 20
 * scrapes a second, about 1 ms of CPU per scrape and 2.5 MB of resident memory (docs/benchmarks.md).
 */
final class RuntimeMetrics {

    private RuntimeMetrics() {
    }

    static void register(PrometheusRegistry registry, boolean jvm) {
        registry.register(new ProcessCollector(!jvm));
        if (jvm) {
            JvmThreadsMetrics.builder().register(registry);
            JvmBufferPoolMetrics.builder().register(registry);
            JvmClassLoadingMetrics.builder().register(registry);
            JvmCompilationMetrics.builder().register(registry);
            JvmGarbageCollectorMetrics.builder().register(registry);
            JvmMemoryMetrics.builder().register(registry);
            JvmRuntimeInfoMetric.builder().register(registry);
        }
    }
}
