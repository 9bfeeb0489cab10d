package quantum.safety.cli.ops;

import picocli.CommandLine.Option;
import quantum.safety.ops.verify.HostPort;

/** Where the exporter answers, as Prometheus should scrape it. */
public final class ExporterOptions {

    @Option(names = "--exporter.address", paramLabel = "HOST:PORT",
            defaultValue = "${env:QUANTUM_SAFETY_EXPORTER_ADDRESS}",
            description = {"Where the exporter listens: install writes it as the scrape target, verify and doctor read "
                    + "/metrics and /-/ready there. Env: QUANTUM_SAFETY_EXPORTER_ADDRESS. Default: the bundle's "
                    + "target, 127.0.0.1:9105.",
                    "Example: --exporter.address=127.0.0.1:9105 (an IP literal: 'localhost' may resolve to ::1)"})
    String address;

    /** The address given, or null when the bundle's target applies. */
    public HostPort addressOrNull() {
        return address == null || address.isBlank() ? null : HostPort.parse("--exporter.address", address);
    }

    public HostPort addressOrDefault() {
        HostPort given = addressOrNull();
        return given != null ? given : new HostPort("127.0.0.1", 9105);
    }
}
