package quantum.safety.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;

/** The exporter's own runtime metrics: the process and the heap by default, client_java's JVM set on request. */
@ExtendWith(RedisExtension.class)
class RuntimeMetricsTest {

    @Test
    void processAndHeapByDefaultWithoutTheJvmCollectors(TestRedis redis) {
        try (ExporterServer server = TestExporters.start(redis.host(), redis.port(), b -> b.runtimeMetrics(true))) {
            String body = Http.get("http://127.0.0.1:" + server.port() + "/metrics").body();
            assertThat(body).contains("process_resident_memory_bytes ", "process_cpu_seconds_total ",
                            "process_open_fds ", "process_start_time_seconds ", "jvm_memory_used_bytes{area=\"heap\"} ")
                    .doesNotContain("jvm_threads_", "jvm_gc_", "jvm_classes_", "jvm_memory_used_bytes{area=\"nonheap\"");
        }
    }

    @Test
    void theJvmCollectorsWhenAskedForOnceEachFamily(TestRedis redis) {
        try (ExporterServer server = TestExporters.start(redis.host(), redis.port(),
                b -> b.runtimeMetrics(true).jvmMetrics(true))) {
            String body = Http.get("http://127.0.0.1:" + server.port() + "/metrics").body();
            assertThat(body).contains("jvm_threads_current ", "jvm_classes_currently_loaded ",
                    "jvm_memory_used_bytes{area=\"nonheap\"} ", "process_resident_memory_bytes ");
            assertThat(body.lines().filter(l -> l.equals("# TYPE jvm_memory_used_bytes gauge"))).hasSize(1);
        }
    }
}
