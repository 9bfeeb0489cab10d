package quantum.safety.ops.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import quantum.safety.kernel.RedisSchema;
import quantum.safety.ops.FakeExporter;
import quantum.safety.ops.Http;
import quantum.safety.ops.InstallRequest;
import quantum.safety.ops.Installer;
import quantum.safety.ops.OpsEnvironment;
import quantum.safety.ops.verify.CheckResult;
import quantum.safety.ops.verify.HostPort;
import quantum.safety.ops.verify.HostResolver;
import quantum.safety.ops.verify.Section;
import quantum.safety.ops.verify.Status;
import quantum.safety.ops.verify.VerifySettings;
import quantum.safety.kernel.Intent;
import quantum.safety.kernel.KernelConfig;
import quantum.safety.kernel.SafetyKernel;
import quantum.safety.kernel.SafetyOperations;
import quantum.safety.ops.bundle.BundleSource;
import quantum.safety.ops.bundle.ClasspathBundleSource;
import quantum.safety.ops.prometheus.BundleScrapeJobs;
import quantum.safety.ops.prometheus.ExpectedRules;
import quantum.safety.ops.prometheus.PrometheusApi;
import quantum.safety.ops.prometheus.ScrapeJob;
import quantum.safety.process.LocalRedis;
import quantum.safety.testkit.RequiresTools;
import redis.clients.jedis.Jedis;
import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.StreamEntryID;

@RequiresTools({"prometheus", "promtool", "prometheus-alertmanager", "amtool"})
class DoctorEndToEndTest {

    @AutoClose
    private OpsEnvironment env;

    /** Stands in for the decision service's /metrics (the service itself is another module's). */
    @AutoClose
    private FakeExporter service;

    private DoctorSettings settings(HostResolver resolver, HostPort exporter, boolean withFiles) {
        return settings(resolver, exporter, withFiles, env.expectedRules());
    }

    private DoctorSettings settings(HostResolver resolver, HostPort exporter, boolean withFiles, ExpectedRules rules) {
        return settings(resolver, exporter, withFiles, rules, null);
    }

    private DoctorSettings settings(HostResolver resolver, HostPort exporter, boolean withFiles, ExpectedRules rules,
                                    String serviceJob) {
        LocalRedis redis = env.redis();
        VerifySettings verify = VerifySettings.builder().prometheusUrl(env.prometheus().url()).exporter(exporter)
                .expectedRules(rules).alertmanagerUrl(env.alertmanager().url()).resolver(resolver)
                .serviceJob(serviceJob).build();
        DoctorSettings.Builder settings = DoctorSettings.builder().verify(verify)
                .redis(() -> new JedisPooled(redis.host(), redis.port()), redis.uri());
        if (withFiles) {
            settings.prometheusConfig(env.config())
                    .alertmanagerConfig(env.alertmanagerConfig())
                    .grafanaProvisioningDir(env.grafanaProvisioning())
                    .grafanaDashboardsDir(env.grafanaDashboards());
        }
        return settings.build();
    }

    /** The machine with the operator's own job for the exporter, which scrapes it at {@code host}. */
    private static OpsEnvironment scrapedAt(String host) throws IOException {
        return OpsEnvironment.start("""
                  - job_name: quantum_safety_telemetry
                    static_configs:
                      - targets: ['%s:EXPORTER_PORT']
                """.formatted(host), true);
    }

    /** The doctor's report without the files, run again until {@code done} holds: Prometheus needs a scrape or two. */
    private Report doctorUntil(HostResolver resolver, Predicate<Report> done) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                () -> new Doctor(settings(resolver, env.exporterAddress(), false), Clock.systemUTC()).run(), done);
    }

    @Test
    void afterAnInstallEverySectionPassesWithItsEvidenceInSeconds() throws Exception {
        env = OpsEnvironment.start();
        // Redis state first: the exporter serves it at once, Prometheus from its next scrape on.
        try (Jedis jedis = new Jedis(env.redis().host(), env.redis().port())) {
            jedis.setex("quantum:safety:safe_mode", 120, "1");
            jedis.hset("quantum:safety:safe_mode:info", java.util.Map.of("set_by", "kernel-1", "reason", "GLOBAL_RATE_EXCEEDED"));
            jedis.xadd("quantum:stream:safety.fault", StreamEntryID.NEW_ENTRY,
                    java.util.Map.of("timestamp", "1768784108", "reason", "GLOBAL_RATE_EXCEEDED", "symbol", "BTCUSDT"));
            jedis.set("quantum:kill", "0");
            jedis.set("quantum:mode", "TESTNET");
            jedis.hset("quantum:safety:decisions", "OK", "41");
        }

        InstallRequest install = env.install().alertmanagerConfig(env.alertmanagerConfig())
                .alertmanagerUrl(env.alertmanager().url())
                .grafanaProvisioningDir(env.grafanaProvisioning()).grafanaDashboardsDir(env.grafanaDashboards()).build();
        assertThat(new Installer(install, env.events()).install().exitCode()).as(env.events().toString()).isZero();

        Report report = new Doctor(settings(HostResolver.SYSTEM, env.exporterAddress(), true), Clock.systemUTC()).run();

        assertThat(report.results()).as(MarkdownReport.render(report)).noneMatch(r -> r.status() == Status.FAILED);
        for (Section section : Section.values()) {
            assertThat(report.in(section)).as(section.title()).isNotEmpty()
                    .anyMatch(r -> r.status() == Status.PASSED);
        }
        String md = MarkdownReport.render(report);
        assertThat(md).contains("## 1. Prometheus scraping — PASSED", "## 2. Alert rules — PASSED",
                "## 4. Dashboard provisioning — PASSED", "## 5. Reload safety — PASSED", "## 6. Rollback readiness — PASSED",
                "## 7. Exporter hygiene — PASSED", "## 8. System state — PASSED",
                "SAFE MODE ON: trading blocked; clears in", "redis_version", "backups of the last install intact",
                "quantum_safety_exporter_build_info", "QuantumSafeModeActive");
        JsonNode json = new ObjectMapper().readTree(JsonReport.render(report));
        assertThat(json.path("verdict").asText()).isEqualTo("PASSED");
        assertThat(json.path("sections")).hasSize(Section.values().length);
        Path sample = Path.of("target/doctor-sample.md");
        Files.writeString(sample, md);
    }

    /**
     * The REAL bundle from the classpath, installed next to the operator's jobs, read by a real Prometheus scraping the
     * real exporter on a real Redis whose SAFE MODE a real kernel has just tripped: every check passes. The report
     * (written to target/doctor-sample-real.md) is of the kind docs/doctor-sample.md shows, which comes from the
     * command-line walkthrough in docs/operations.md. The operator already scrapes a decision service (a stand-in
     * serving its metrics) on a port of their own: install keeps that target, and the doctor finds it up.
     */
    @Test
    void theRealBundleAgainstTheRealExporterPassesEveryCheck() throws Exception {
        service = FakeExporter.startOnLoopbackV4().metrics(FakeExporter.SERVICE_EXPOSITION);
        env = OpsEnvironment.start("""
                  - job_name: quantum_safety_kernel
                    static_configs:
                      - targets: ['%s']
                """.formatted(service.address()), true);
        try (UnifiedJedis jedis = RedisConnector.to(RedisEndpoint.standalone(env.redis().host(), env.redis().port()),
                RedisCredentials.none()).forDecisions(KernelConfig.DEFAULT_DECISION_TIMEOUT).open()) {
            jedis.set("quantum:mode", "TESTNET");
            jedis.set("quantum:governor:execution", "ENABLED");
            jedis.set("quantum:kill", "0");
            SafetyKernel kernel = SafetyKernel.create(KernelConfig.builder().kernelId("doctor-e2e").build(), jedis,
                    RedisSchema.legacy());
            boolean tripped = false;
            for (int i = 0; i < 30 && !tripped; i++) {
                tripped = kernel.decide(Intent.of("BTCUSDT", "BUY")).tripped();
            }
            assertThat(tripped).isTrue();
        }
        BundleSource bundle = ClasspathBundleSource.packaged();
        InstallRequest install = env.install().bundle(bundle)
                .alertmanagerConfig(env.alertmanagerConfig()).alertmanagerUrl(env.alertmanager().url())
                .grafanaProvisioningDir(env.grafanaProvisioning()).grafanaDashboardsDir(env.grafanaDashboards())
                .verifyTimeout(Duration.ofSeconds(60)).build();
        assertThat(new Installer(install, env.events()).install().exitCode()).as(env.events().toString()).isZero();

        PrometheusApi prometheus = new PrometheusApi(env.prometheus().url(), Http.withDefaults());
        // the bundle's job scrapes every 15 s; install does not wait for a target it only warns about
        org.awaitility.Awaitility.await("Prometheus scrapes the decision service").atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> prometheus.query("up{job=\"quantum_safety_kernel\"} == 1").size() == 1);

        Report report = new Doctor(settings(HostResolver.SYSTEM, env.exporterAddress(), true, ExpectedRules.fromBundle(bundle),
                BundleScrapeJobs.of(bundle).service().map(ScrapeJob::name).orElseThrow()), Clock.systemUTC()).run();

        String md = MarkdownReport.render(report);
        assertThat(report.results()).as(md).isNotEmpty().allMatch(r -> r.status() == Status.PASSED);
        assertThat(md).contains("SAFE MODE ON: trading blocked; clears in", "quantum_safety_exporter_build_info",
                "QuantumSafeModeActive", "QuantumSafeModeSLOBudgetSlowBurn", "job:quantum_safety_slo_safe_mode:error_budget_remaining30d",
                "PASSED: job quantum_safety_kernel scraped and up", service.address() + "/metrics health=up",
                "QuantumSafetyDecisionServiceDown");
        // the audit archive's group is among the groups doctor expects loaded
        assertThat(ExpectedRules.fromBundle(bundle).byGroup()).containsKey("quantum_safety_alerts.yml:quantum_safety_archive");
        assertThat(md).contains("QuantumSafetyArchiveDown", "QuantumSafetyArchiveGap", "QuantumSafetyArchiveInvalidEvents");
        Files.writeString(Path.of("target/doctor-sample-real.md"), md);
    }

    /** Prometheus falls back to 127.0.0.1 when ::1 refuses, so the scrape works: a warning naming both addresses. */
    @Test
    void theIpv6LocalhostMismatchIsReportedWithTheFix() throws Exception {
        env = scrapedAt("localhost");
        int port = env.exporterAddress().port();
        InetAddress v6 = InetAddress.getByName("::1");
        InetAddress v4 = InetAddress.getByName("127.0.0.1");
        // This machine's /etc/hosts maps localhost to 127.0.0.1 only; production hosts list ::1 first.
        HostResolver v6First = host -> host.equals("localhost") ? List.of(v6, v4) : HostResolver.SYSTEM.resolve(host);

        Report report = doctorUntil(v6First,
                r -> r.in(Section.EXPORTER_HYGIENE).stream().anyMatch(c -> c.name().contains("localhost:" + port)));

        CheckResult listen = report.in(Section.EXPORTER_HYGIENE).stream()
                .filter(r -> r.name().startsWith("exporter listens where Prometheus scrapes")).findFirst().orElseThrow();
        assertThat(listen.status()).isEqualTo(Status.WARNING);
        assertThat(listen.name()).contains("localhost:" + port);
        assertThat(listen.evidence()).contains("[::1]:" + port + ": connection refused");
        assertThat(listen.fix()).contains("localhost resolves to ::1 first; [::1]:" + port + " refuses, 127.0.0.1:" + port
                + " answers — use --exporter.address=127.0.0.1:" + port, "--web.listen-address=[::]:" + port);
        assertThat(MarkdownReport.render(report)).contains("### WARNING: exporter listens where Prometheus scrapes",
                "**Fix:** localhost resolves to ::1 first");
    }

    @Test
    void prometheusScrapingV6WhileTheExporterListensOnV4ShowsTheTargetDownAndNoSample() throws Exception {
        env = scrapedAt("[::1]");
        int port = env.exporterAddress().port();
        try (JedisPooled jedis = new JedisPooled(env.redis().host(), env.redis().port())) {
            new SafetyOperations(jedis, RedisSchema.legacy()).setSafeMode(Optional.of(Duration.ofMinutes(5)), "drill", "IPv6 test");
        }

        Report report = doctorUntil(HostResolver.SYSTEM,
                r -> r.in(Section.PROMETHEUS_SCRAPING).stream().anyMatch(c -> c.evidence().contains("health=down")));

        String md = MarkdownReport.render(report);
        assertThat(md).contains("### FAILED: job quantum_safety_telemetry scraped and up",
                "http://[::1]:" + port + "/metrics health=down", "connection refused",
                "### FAILED: Prometheus holds what the exporter serves", "quantum_safety_safe_mode: exporter 1, Prometheus no sample",
                "### FAILED: exporter listens where Prometheus scrapes ([::1]:" + port + ")");
    }
}
