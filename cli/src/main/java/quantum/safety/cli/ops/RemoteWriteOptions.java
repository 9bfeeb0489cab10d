package quantum.safety.cli.ops;

import java.util.List;
import java.util.Optional;

import picocli.CommandLine.Option;
import quantum.safety.cli.settings.SettingsFrom;
import quantum.safety.ops.prometheus.RemoteWrite;
import quantum.safety.ops.prometheus.RemoteWriteChoice;
import quantum.safety.ops.prometheus.RemoteWriteInput;

/** {@code ops install}'s remote write to a long-term store; declared in {@link RemoteWriteSetting}. */
@SettingsFrom(RemoteWriteSetting.class)
public final class RemoteWriteOptions {

    @Option(names = "--remote-write.url", paramLabel = "URL")
    String url;

    @Option(names = "--remote-write.username", paramLabel = "USER")
    String username;

    @Option(names = "--remote-write.password-file", paramLabel = "FILE")
    String passwordFile;

    @Option(names = "--remote-write.bearer-token-file", paramLabel = "FILE")
    String bearerTokenFile;

    @Option(names = "--remote-write.tls-ca-file", paramLabel = "FILE")
    String tlsCaFile;

    @Option(names = "--remote-write.tls-cert-file", paramLabel = "FILE")
    String tlsCertFile;

    @Option(names = "--remote-write.tls-key-file", paramLabel = "FILE")
    String tlsKeyFile;

    @Option(names = "--remote-write.header", paramLabel = "NAME=VALUE", split = ",")
    List<String> headers;

    /** Null: neither the flag nor its env twin given. */
    @Option(names = "--remote-write.all-series", arity = "0..1", fallbackValue = "true", paramLabel = "true|false")
    Boolean allSeries;

    /**
     * The entry to install; none, with {@code --remote-write.url=none}; or not given, when neither a flag nor an env
     * twin was (then install keeps the entry the install in place recorded). Bad input exits 2 naming the flag.
     */
    public RemoteWriteChoice choice() {
        return new RemoteWriteInput().url(url).username(username).passwordFile(passwordFile)
                .bearerTokenFile(bearerTokenFile).tlsCaFile(tlsCaFile).tlsCertFile(tlsCertFile).tlsKeyFile(tlsKeyFile)
                .headers(headers).allSeries(allSeries).choice();
    }

    /** The entry the flags name, if they name one. */
    public Optional<RemoteWrite> remoteWrite() {
        return choice().entry();
    }
}
