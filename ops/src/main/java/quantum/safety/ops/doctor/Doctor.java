package quantum.safety.ops.doctor;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import quantum.safety.ops.Http;
import quantum.safety.ops.verify.CheckResult;
import quantum.safety.ops.verify.ExporterHygieneCheck;
import quantum.safety.ops.verify.Section;
import quantum.safety.ops.verify.Verifier;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@code quantum-safety doctor}: every verify check, the exporter's hygiene, the files (reload safety, rollback
 * readiness, dashboard provisioning) and the shared state in Redis, in one report. One round, no waiting: it
 * describes the system as it is now, in seconds.
 */
public final class Doctor {

    private final DoctorSettings settings;
    private final Clock clock;

    public Doctor(DoctorSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public Report run() {
        Instant start = clock.instant();
        List<CheckResult> results = new ArrayList<>();
        results.addAll(new Verifier(settings.verify(), List.of(new quantum.safety.ops.verify.TargetHealthCheck(),
                new quantum.safety.ops.verify.ServiceTargetCheck(),
                new quantum.safety.ops.verify.ServiceTargetCheck(quantum.safety.ops.bundle.ServiceJob.ARCHIVE),
                new quantum.safety.ops.verify.ValueMatchCheck(), new quantum.safety.ops.verify.RuleGroupCheck(),
                new quantum.safety.ops.verify.AlertmanagerCheck(), new quantum.safety.ops.verify.ListenAddressCheck(),
                new quantum.safety.ops.verify.ExporterCheck(), new ExporterHygieneCheck())).run());
        results.addAll(DashboardChecks.run(settings));
        results.addAll(ReloadSafetyChecks.run(settings));
        results.addAll(RollbackReadinessChecks.run(settings));
        results.add(prometheusState());
        try (UnifiedJedis redis = settings.redis().get()) {
            results.addAll(new RedisChecks(redis, settings.schema(), settings.redisWhere()).run());
        } catch (RuntimeException e) {
            results.add(CheckResult.failed(Section.SYSTEM_STATE, "Redis reachable", settings.redisWhere() + ": "
                    + e.getMessage(), "start Redis or pass --redis.addr"));
        }
        List<CheckResult> ordered = new ArrayList<>();
        for (Section section : Section.values()) {
            results.stream().filter(r -> r.section() == section).forEach(ordered::add);
        }
        long millis = Math.max(0, clock.millis() - start.toEpochMilli());
        return new Report(OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS).toString(), millis, hostName(),
                settings.verify().prometheus().baseUrl(), settings.verify().exporter().toString(), ordered);
    }

    private CheckResult prometheusState() {
        try {
            Map<String, String> build = settings.verify().prometheus().buildInfo();
            int targets = settings.verify().prometheus().targets().size();
            return CheckResult.passed(Section.SYSTEM_STATE, "Prometheus", "version " + build.get("version")
                    + ", " + targets + " active targets, ready=" + settings.verify().prometheus().ready());
        } catch (Http.UnreachableException e) {
            return CheckResult.failed(Section.SYSTEM_STATE, "Prometheus", e.getMessage(),
                    "start Prometheus or point --prometheus.url at it");
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
