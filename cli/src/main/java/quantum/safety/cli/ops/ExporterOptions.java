package quantum.safety.cli.ops;

import picocli.CommandLine.Option;
import quantum.safety.cli.settings.SettingsFrom;
import quantum.safety.ops.verify.HostPort;

/** Where the exporter answers, as Prometheus should scrape it; declared in {@link OpsSetting}. */
@SettingsFrom(OpsSetting.class)
public final class ExporterOptions {

    @Option(names = "--exporter.address", paramLabel = "HOST:PORT")
    String address;

    /** The address given, or null when the manifest's or the bundle's target applies. */
    public HostPort addressOrNull() {
        return address == null || address.isBlank() ? null : HostPort.parse(OpsSetting.EXPORTER_ADDRESS.flag(), address);
    }
}
