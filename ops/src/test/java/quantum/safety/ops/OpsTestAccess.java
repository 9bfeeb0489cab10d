package quantum.safety.ops;

import java.io.IOException;
import java.nio.file.Path;

import quantum.safety.ops.event.EventLog;
import quantum.safety.ops.prometheus.ExpectedRules;
import quantum.safety.ops.verify.HostPort;
import quantum.safety.process.LocalRedis;

/** Lets tests in sub-packages use the package-private {@link OpsEnvironment}. */
public final class OpsTestAccess {

    private OpsTestAccess() {
    }

    /** {@code extraJob} may use the word PORT for the exporter's port. */
    public static Environment start(String extraJob) throws IOException {
        return new Environment(OpsEnvironment.start(extraJob.replace("PORT", "EXPORTER_PORT"), true));
    }

    public static ExpectedRules expectedRules(Environment env) {
        return ExpectedRules.fromBundle(env.env.bundle);
    }

    /** A running machine: Prometheus, Alertmanager, Redis, the real exporter and the operator's files. */
    public static final class Environment implements AutoCloseable {
        private final OpsEnvironment env;

        Environment(OpsEnvironment env) {
            this.env = env;
        }

        public InstallRequest.Builder install() {
            return env.install();
        }

        public String prometheusUrl() {
            return env.prometheus.url();
        }

        public String alertmanagerUrl() {
            return env.alertmanager.url();
        }

        /** The Redis the exporter reads. */
        public LocalRedis redis() {
            return env.redis;
        }

        /** Stops the exporter (Prometheus then sees the target down). */
        public void stopExporter() {
            env.exporter.close();
        }

        public HostPort exporterAddress() {
            return env.exporter.address();
        }

        public Path config() {
            return env.config;
        }

        public Path dir() {
            return env.dir;
        }

        public Path grafanaProvisioning() {
            return env.dir.resolve("grafana/provisioning/dashboards");
        }

        public Path grafanaDashboards() {
            return env.dir.resolve("grafana/dashboards/quantum");
        }

        /** What the commands run on this machine reported, in order. */
        public EventLog events() {
            return env.events;
        }

        @Override
        public void close() {
            env.close();
        }
    }
}
