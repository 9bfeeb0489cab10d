package quantum.safety.ops;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import quantum.safety.ops.verify.HostPort;

/**
 * A stand-in for the exporter, kept only where a test needs what the real one cannot give: a second, stale process
 * on the same port over another address family serving different values, on one address of the caller's choice
 * (ListenAddressCheckTest). End-to-end tests use {@link RealExporter}. A JDK HttpServer serving a fixed exposition
 * text at /metrics, and /-/ready and /-/healthy with settable status codes.
 *
 * <p>With {@link #SERVICE_EXPOSITION} it also stands in for the decision service ({@code quantum-safety kernel
 * serve}), which lives in a module ops does not depend on: what Prometheus scrapes from it is its /metrics only. With
 * {@link #ARCHIVE_EXPOSITION}, for the audit archive ({@code quantum-safety archive}) the same way.
 */
public final class FakeExporter implements AutoCloseable {

    public static final String EXPOSITION = """
            # HELP quantum_safety_safe_mode 1 if SAFE MODE is on, else 0.
            # TYPE quantum_safety_safe_mode gauge
            quantum_safety_safe_mode 1
            # TYPE quantum_safety_redis_up gauge
            quantum_safety_redis_up 1
            # TYPE quantum_safety_kill_switch_engaged gauge
            quantum_safety_kill_switch_engaged 0
            # TYPE quantum_safety_fault_stream_length gauge
            quantum_safety_fault_stream_length 3
            # TYPE quantum_safety_rate_symbol_top gauge
            quantum_safety_rate_symbol_top{rank="1",symbol="BTCUSDT"} 4
            # TYPE quantum_safety_exporter_build_info gauge
            quantum_safety_exporter_build_info{version="0.1.0-SNAPSHOT",git="abc1234",deployment="test"} 1
            """;

    /**
     * What the decision service's /metrics serves (its contract's families and labels), on a quiet service: ready,
     * three requests in flight, a thousand decisions behind it, nothing rejected, no kernel failure.
     */
    public static final String SERVICE_EXPOSITION = """
            # TYPE quantum_safety_service_requests_total counter
            quantum_safety_service_requests_total{handler="decide",code="200"} 1000
            quantum_safety_service_requests_total{handler="metrics",code="200"} 40
            # TYPE quantum_safety_service_decision_duration_seconds histogram
            quantum_safety_service_decision_duration_seconds_bucket{reason="OK",le="0.0001"} 100
            quantum_safety_service_decision_duration_seconds_bucket{reason="OK",le="0.001"} 880
            quantum_safety_service_decision_duration_seconds_bucket{reason="OK",le="0.01"} 900
            quantum_safety_service_decision_duration_seconds_bucket{reason="OK",le="+Inf"} 900
            quantum_safety_service_decision_duration_seconds_sum{reason="OK"} 0.45
            quantum_safety_service_decision_duration_seconds_count{reason="OK"} 900
            quantum_safety_service_decision_duration_seconds_bucket{reason="SAFE_MODE_ENABLED",le="0.0001"} 20
            quantum_safety_service_decision_duration_seconds_bucket{reason="SAFE_MODE_ENABLED",le="0.001"} 100
            quantum_safety_service_decision_duration_seconds_bucket{reason="SAFE_MODE_ENABLED",le="0.01"} 100
            quantum_safety_service_decision_duration_seconds_bucket{reason="SAFE_MODE_ENABLED",le="+Inf"} 100
            quantum_safety_service_decision_duration_seconds_sum{reason="SAFE_MODE_ENABLED"} 0.04
            quantum_safety_service_decision_duration_seconds_count{reason="SAFE_MODE_ENABLED"} 100
            # TYPE quantum_safety_service_rejected_total counter
            quantum_safety_service_rejected_total{cause="queue_full"} 0
            quantum_safety_service_rejected_total{cause="deadline"} 0
            quantum_safety_service_rejected_total{cause="shutting_down"} 0
            # TYPE quantum_safety_service_in_flight gauge
            quantum_safety_service_in_flight 3
            # TYPE quantum_safety_service_queue_capacity gauge
            quantum_safety_service_queue_capacity 256
            # TYPE quantum_safety_service_ready gauge
            quantum_safety_service_ready 1
            # TYPE quantum_safety_service_kernel_failures_total counter
            quantum_safety_service_kernel_failures_total{kind="fail_open"} 0
            quantum_safety_service_kernel_failures_total{kind="fail_closed"} 0
            quantum_safety_service_kernel_failures_total{kind="fail_open_capped"} 0
            quantum_safety_service_kernel_failures_total{kind="last_known_block"} 0
            quantum_safety_service_kernel_failures_total{kind="config_error"} 0
            quantum_safety_service_kernel_failures_total{kind="lost_event"} 0
            # TYPE quantum_safety_service_build_info gauge
            quantum_safety_service_build_info{version="0.1.0-SNAPSHOT",revision="abc1234"} 1
            """;

    /**
     * What the audit archive's /metrics serves (its contract's families and labels), on an archive that is caught up:
     * both streams archived, nothing waiting, no gap, no error, Redis and PostgreSQL reachable, started long ago.
     */
    public static final String ARCHIVE_EXPOSITION = """
            # TYPE quantum_safety_archive_events_total counter
            quantum_safety_archive_events_total{stream="fault"} 120
            quantum_safety_archive_events_total{stream="audit"} 480
            # TYPE quantum_safety_archive_lag_events gauge
            quantum_safety_archive_lag_events{stream="fault"} 0
            quantum_safety_archive_lag_events{stream="audit"} 0
            # TYPE quantum_safety_archive_lag_seconds gauge
            quantum_safety_archive_lag_seconds{stream="fault"} 0
            quantum_safety_archive_lag_seconds{stream="audit"} 0
            # TYPE quantum_safety_archive_gaps_total counter
            quantum_safety_archive_gaps_total{stream="fault"} 0
            quantum_safety_archive_gaps_total{stream="audit"} 0
            # TYPE quantum_safety_archive_gap_events_total counter
            quantum_safety_archive_gap_events_total{stream="fault"} 0
            quantum_safety_archive_gap_events_total{stream="audit"} 0
            # TYPE quantum_safety_archive_invalid_events_total counter
            quantum_safety_archive_invalid_events_total{stream="fault"} 0
            quantum_safety_archive_invalid_events_total{stream="audit"} 0
            # TYPE quantum_safety_archive_errors_total counter
            quantum_safety_archive_errors_total{stage="redis"} 0
            quantum_safety_archive_errors_total{stage="postgres"} 0
            # TYPE quantum_safety_archive_redis_up gauge
            quantum_safety_archive_redis_up 1
            # TYPE quantum_safety_archive_postgres_up gauge
            quantum_safety_archive_postgres_up 1
            # TYPE quantum_safety_archive_last_archived_timestamp_seconds gauge
            quantum_safety_archive_last_archived_timestamp_seconds{stream="fault"} 1764583200
            quantum_safety_archive_last_archived_timestamp_seconds{stream="audit"} 1764583260
            # TYPE quantum_safety_archive_build_info gauge
            quantum_safety_archive_build_info{version="0.1.0-SNAPSHOT"} 1
            # TYPE process_start_time_seconds gauge
            process_start_time_seconds 1764500000
            """;

    private final HttpServer server;
    private final AtomicReference<String> metrics = new AtomicReference<>(EXPOSITION);
    private final AtomicInteger readyStatus = new AtomicInteger(200);

    private FakeExporter(HttpServer server) {
        this.server = server;
    }

    /** Serves on {@code bind} (e.g. 127.0.0.1 only, like the legacy exporter) on a free port. */
    public static FakeExporter start(InetAddress bind) throws IOException {
        return start(bind, 0);
    }

    public static FakeExporter start(InetAddress bind, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 16);
        FakeExporter fake = new FakeExporter(server);
        server.createContext("/metrics", ex -> fake.respond(ex, 200, fake.metrics.get()));
        server.createContext("/-/ready", ex -> fake.respond(ex, fake.readyStatus.get(),
                fake.readyStatus.get() == 200 ? "ready\n" : "Redis does not answer\n"));
        server.createContext("/-/healthy", ex -> fake.respond(ex, 200, "healthy\n"));
        server.start();
        return fake;
    }

    public static FakeExporter startOnLoopbackV4() throws IOException {
        return start(InetAddress.getByName("127.0.0.1"));
    }

    public FakeExporter metrics(String exposition) {
        metrics.set(exposition);
        return this;
    }

    public FakeExporter ready(int status) {
        readyStatus.set(status);
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Where it listens, as a Prometheus target ({@code 127.0.0.1:PORT} or {@code [::1]:PORT}). */
    public HostPort address() {
        return new HostPort(server.getAddress().getAddress().getHostAddress().replace("0:0:0:0:0:0:0:1", "::1"), port());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
