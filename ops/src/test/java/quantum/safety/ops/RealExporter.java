package quantum.safety.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

import quantum.safety.exporter.BuildIdentity;
import quantum.safety.exporter.ExporterConfig;
import quantum.safety.exporter.ExporterServer;
import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;
import quantum.safety.ops.verify.HostPort;
import quantum.safety.process.LocalRedis;
import quantum.safety.testkit.ops.OperatorMachine;

/**
 * The real exporter, in-process, for ops tests: reads a real Redis and listens where it is told (by default
 * {@code 127.0.0.1:0}, i.e. IPv4 only like the legacy one, on a free port). JVM and process metrics are on, as in
 * production, so the dashboard's memory panel has data.
 */
public final class RealExporter implements OperatorMachine.Exporter {

    public static final BuildIdentity BUILD = new BuildIdentity("0.1.0-SNAPSHOT", "abc1234", "test");

    private final ExporterServer server;
    private final String host;

    private RealExporter(ExporterServer server, String host) {
        this.server = server;
        this.host = host;
    }

    /** On 127.0.0.1 only, on a free port. */
    public static RealExporter startOnLoopbackV4(LocalRedis redis) {
        return start(redis, "127.0.0.1:0");
    }

    /** {@code listenAddress} as given to {@code --web.listen-address}, e.g. {@code 127.0.0.1:0} or {@code [::1]:0}. */
    public static RealExporter start(LocalRedis redis, String listenAddress) {
        return start(redis, listenAddress, BUILD);
    }

    /** As {@link #start(LocalRedis, String)}, with {@code build} in its build info (e.g. an empty deployment). */
    public static RealExporter start(LocalRedis redis, String listenAddress, BuildIdentity build) {
        RedisConnector connector = RedisConnector.to(RedisEndpoint.standalone(redis.host(), redis.port()), RedisCredentials.none())
                .connectTimeout(Duration.ofMillis(500)).socketTimeout(Duration.ofMillis(1000))
                .clientName("quantum-safety-exporter-ops-test");
        try {
            ExporterServer server = ExporterServer.start(ExporterConfig.builder(connector)
                    .listenAddresses(List.of(listenAddress)).runtimeMetrics(true).build(build).build());
            String host = listenAddress.startsWith("[") ? listenAddress.substring(1, listenAddress.indexOf(']'))
                    : listenAddress.substring(0, listenAddress.lastIndexOf(':'));
            return new RealExporter(server, host);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return server.port();
    }

    /** Where it listens, as a Prometheus target ({@code 127.0.0.1:PORT}). */
    public HostPort address() {
        return new HostPort(host, port());
    }

    public String url() {
        return "http://" + address();
    }

    @Override
    public void close() {
        server.close();
    }
}
