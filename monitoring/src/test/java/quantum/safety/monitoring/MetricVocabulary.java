package quantum.safety.monitoring;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names the bundle may query: the exporter's families (legacy contract §3 and the new ones the exporter
 * exports, see the README), the decision service's, the audit archive's, Prometheus' own {@code up}, the JVM/process
 * metrics client_java exposes, and the bundle's recording rules. A query naming anything else is a typo, or a metric nobody exports.
 */
final class MetricVocabulary {

    /** Legacy families, names frozen by the contract. */
    static final Set<String> LEGACY = Set.of(
            "quantum_safety_safe_mode", "quantum_safety_safe_mode_ttl_seconds", "quantum_safety_fault_stream_length",
            "quantum_safety_faults_last_1h", "quantum_safety_last_fault_timestamp", "quantum_safety_last_fault_info",
            "quantum_trade_intent_stream_length", "quantum_trade_intent_rate_per_min",
            "quantum_safety_rate_global_current_window", "quantum_safety_rate_symbol_top5_info",
            "quantum_safety_rate_symbol_top", "quantum_safety_redis_up", "quantum_safety_redis_last_error_timestamp",
            "quantum_safety_exporter_scrapes_total", "quantum_safety_exporter_errors_total",
            "quantum_safety_exporter_build_info");

    /** New families: once exported, their names are frozen like the legacy ones. */
    static final Set<String> NEW = Set.of(
            "quantum_safety_faults_total", "quantum_trade_intents_total", "quantum_safety_decisions_total",
            "quantum_safety_faults_last_1h_by_reason", "quantum_safety_faults_last_1h_by_symbol",
            "quantum_safety_safe_mode_latched", "quantum_safety_kill_switch_engaged", "quantum_safety_execution_mode",
            "quantum_safety_governor_enabled", "quantum_safety_collector_success",
            "quantum_safety_collector_duration_seconds", "quantum_safety_rate_symbol_scan_truncated",
            "quantum_safety_rate_symbol_index_age_seconds",
            "quantum_safety_exporter_scrape_deadline_exceeded_total", "quantum_safety_kernel_lost_events_total",
            "quantum_safety_flag_unclear", "quantum_safety_kernel_info", "quantum_safety_kernel_window_seconds",
            "quantum_safety_kernel_global_max", "quantum_safety_kernel_symbol_max",
            "quantum_safety_kernel_reduce_only_symbol_max", "quantum_safety_kernel_reduce_only_global_max",
            "quantum_safety_kernel_cooldown_seconds", "quantum_safety_invalid_label_values");

    /**
     * The decision service's families ({@code quantum-safety kernel serve}, job quantum_safety_kernel), as its
     * contract names them; the histogram by its series (buckets, count, sum).
     */
    static final Set<String> SERVICE = Set.of(
            "quantum_safety_service_requests_total", "quantum_safety_service_decision_duration_seconds_bucket",
            "quantum_safety_service_decision_duration_seconds_count",
            "quantum_safety_service_decision_duration_seconds_sum", "quantum_safety_service_rejected_total",
            "quantum_safety_service_in_flight", "quantum_safety_service_queue_capacity", "quantum_safety_service_ready",
            "quantum_safety_service_kernel_failures_total", "quantum_safety_service_build_info");

    /**
     * The audit archive's families ({@code quantum-safety archive}, job quantum_safety_archive), as its contract names
     * them.
     */
    static final Set<String> ARCHIVE = Set.of(
            "quantum_safety_archive_events_total", "quantum_safety_archive_lag_events",
            "quantum_safety_archive_lag_seconds", "quantum_safety_archive_gaps_total",
            "quantum_safety_archive_gap_events_total", "quantum_safety_archive_invalid_events_total",
            "quantum_safety_archive_errors_total", "quantum_safety_archive_redis_up",
            "quantum_safety_archive_postgres_up", "quantum_safety_archive_last_archived_timestamp_seconds",
            "quantum_safety_archive_build_info");

    /**
     * Written by {@code quantum-safety ops install} into a rule file of its own (not part of the bundle): which install
     * is live and since when, for the dashboard's install and rollback annotations.
     */
    static final Set<String> OPS = Set.of("quantum_safety_ops_install_timestamp_seconds");

    /** Not the exporter's own: the scrape's health and client_java's JVM/process collectors. */
    static final Set<String> PLATFORM = Set.of("up", "process_resident_memory_bytes", "process_start_time_seconds",
            "jvm_memory_used_bytes");

    /**
     * Prometheus' own remote-write metrics (2.x names), which the long-term storage alerts read from a job scraping
     * Prometheus itself.
     */
    static final Set<String> PROMETHEUS_REMOTE_WRITE = Set.of(
            "prometheus_remote_storage_samples_failed_total", "prometheus_remote_storage_samples_pending",
            "prometheus_remote_storage_highest_timestamp_in_seconds",
            "prometheus_remote_storage_queue_highest_sent_timestamp_seconds");

    /** Counters: the only families rate() and increase() may be applied to. */
    static final Set<String> COUNTERS = Set.of(
            "quantum_safety_faults_total", "quantum_trade_intents_total", "quantum_safety_decisions_total",
            "quantum_safety_exporter_scrapes_total", "quantum_safety_exporter_errors_total",
            "quantum_safety_exporter_scrape_deadline_exceeded_total", "quantum_safety_kernel_lost_events_total",
            "quantum_safety_service_requests_total", "quantum_safety_service_decision_duration_seconds_bucket",
            "quantum_safety_service_decision_duration_seconds_count",
            "quantum_safety_service_decision_duration_seconds_sum", "quantum_safety_service_rejected_total",
            "quantum_safety_service_kernel_failures_total", "quantum_safety_archive_events_total",
            "quantum_safety_archive_gaps_total", "quantum_safety_archive_gap_events_total",
            "quantum_safety_archive_invalid_events_total", "quantum_safety_archive_errors_total",
            "prometheus_remote_storage_samples_failed_total");

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "and", "or", "unless", "bool", "offset", "inf", "nan");

    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LISTS =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern OFFSETS = Pattern.compile("\\boffset\\s+-?(\\d+(ms|[smhdwy]))+");
    private static final Pattern VARIABLES = Pattern.compile("\\$\\{?\\w+}?");
    private static final Pattern NUMBERS = Pattern.compile("(?<![\\w:])\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private MetricVocabulary() {
    }

    static Set<String> allowed() {
        Set<String> names = new LinkedHashSet<>();
        names.addAll(LEGACY);
        names.addAll(NEW);
        names.addAll(SERVICE);
        names.addAll(ARCHIVE);
        names.addAll(OPS);
        names.addAll(PLATFORM);
        names.addAll(PROMETHEUS_REMOTE_WRITE);
        RuleFiles.recordings().forEach(r -> names.add(r.name()));
        return names;
    }

    /**
     * Metric names in a PromQL expression: identifiers that are not inside strings, label matchers, ranges or
     * by/on label lists or offsets, not functions or aggregations (followed by '('), not keywords, numbers or Grafana variables.
     */
    static Set<String> metricNames(String expr) {
        String s = STRINGS.matcher(expr).replaceAll("\"\"");
        s = VARIABLES.matcher(s).replaceAll(" ");
        s = OFFSETS.matcher(s).replaceAll(" ");
        s = MATCHERS.matcher(s).replaceAll(" ");
        s = RANGES.matcher(s).replaceAll(" ");
        s = LABEL_LISTS.matcher(s).replaceAll(" ");
        s = NUMBERS.matcher(s).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String name = m.group();
            boolean isCall = s.substring(m.end()).stripLeading().startsWith("(");
            if (!isCall && !KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    /** The metric names that rate(), irate() or increase() are applied to directly. */
    static Set<String> ratedMetrics(String expr) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("\\b(?:rate|irate|increase)\\s*\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)").matcher(expr);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
