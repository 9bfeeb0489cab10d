package quantum.safety.ops.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import quantum.safety.ops.FakeExporter;
import quantum.safety.ops.Http;
import quantum.safety.ops.RealExporter;
import quantum.safety.ops.prometheus.PrometheusApi;
import quantum.safety.process.AlertmanagerProcess;
import quantum.safety.process.ChildProcess;
import quantum.safety.process.LocalRedis;
import quantum.safety.process.PrometheusProcess;
import quantum.safety.testkit.PrometheusStack;
import quantum.safety.testkit.WebhookReceiver;

/**
 * The whole pipeline on loopback: a real Redis, the real exporter in-process, a real Prometheus scraping it with the
 * real rule files ({@link FastBundle}), a real Alertmanager with the real routing posting to a {@link WebhookReceiver}.
 * Prometheus also scrapes stand-ins for the decision service ({@link FakeExporter#SERVICE_EXPOSITION}) and the audit
 * archive ({@link FakeExporter#ARCHIVE_EXPOSITION}), services of their own that ops does not depend on.
 */
final class MonitoringStack implements AutoCloseable {

    final Path dir;
    final LocalRedis redis;
    final RealExporter exporter;
    final FakeExporter service;
    final FakeExporter archive;
    final WebhookReceiver webhook;
    final PrometheusStack stack;
    final AlertmanagerProcess alertmanager;
    final PrometheusProcess prometheus;
    final PrometheusApi api;

    private MonitoringStack(Path dir) throws IOException {
        this.dir = dir;
        this.redis = LocalRedis.start();
        this.exporter = RealExporter.startOnLoopbackV4(redis);
        this.service = FakeExporter.startOnLoopbackV4().metrics(FakeExporter.SERVICE_EXPOSITION);
        this.archive = FakeExporter.startOnLoopbackV4().metrics(FakeExporter.ARCHIVE_EXPOSITION);
        this.webhook = WebhookReceiver.start();
        FastBundle.write(dir, webhook.url("").replaceAll("/$", ""));
        this.stack = PrometheusStack.start(dir.resolve("alertmanager/alertmanager.yml"), (prometheusPort, alertmanagerPort) ->
                FastBundle.writePrometheusConfig(dir, exporter.address().toString(), service.address().toString(),
                        archive.address().toString(), alertmanagerPort));
        this.alertmanager = stack.alertmanager();
        this.prometheus = stack.prometheus();
        this.api = new PrometheusApi(prometheus.url(), new Http(Duration.ofSeconds(5)));
    }

    static MonitoringStack start() throws IOException {
        return new MonitoringStack(Files.createTempDirectory("quantum-monitoring-e2e-"));
    }

    @Override
    public void close() {
        stack.close();
        webhook.close();
        exporter.close();
        service.close();
        archive.close();
        redis.close();
        ChildProcess.deleteQuietly(dir);
    }
}
