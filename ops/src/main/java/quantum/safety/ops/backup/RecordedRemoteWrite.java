package quantum.safety.ops.backup;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import quantum.safety.ops.prometheus.RemoteWrite;
import quantum.safety.ops.prometheus.RemoteWriteInput;

/**
 * The remote_write entry an install put in, as its manifest records it, so that a later install without the
 * {@code --remote-write.*} flags keeps it. Only what prometheus.yml holds anyway: the URL, the user, the paths of the
 * credential and TLS files (never their contents), the headers (a header that looks like a credential is refused
 * before it gets here) and the all-series choice. Null fields were not given.
 *
 * @param headers {@code NAME=VALUE} each, as the flag takes them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecordedRemoteWrite(String url, String username, String passwordFile, String bearerTokenFile,
                                  String tlsCaFile, String tlsCertFile, String tlsKeyFile, List<String> headers,
                                  boolean allSeries) {

    public RecordedRemoteWrite {
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    /** What an install records of the entry it puts in. */
    public static RecordedRemoteWrite of(RemoteWrite entry) {
        return new RecordedRemoteWrite(entry.url(), entry.username().orElse(null),
                path(entry.passwordFile().orElse(null)), path(entry.bearerTokenFile().orElse(null)),
                path(entry.tlsCaFile().orElse(null)), path(entry.tlsCertFile().orElse(null)),
                path(entry.tlsKeyFile().orElse(null)),
                entry.headers().entrySet().stream().map(h -> h.getKey() + "=" + h.getValue()).toList(),
                entry.allSeries());
    }

    /**
     * The entry again, checked as the flags are (a manifest may have been edited by hand), so a recalled entry is
     * never one the flags would refuse; the files are checked by install, as for an entry given by flags.
     */
    public RemoteWrite entry() {
        return new RemoteWriteInput().url(url).username(username).passwordFile(passwordFile)
                .bearerTokenFile(bearerTokenFile).tlsCaFile(tlsCaFile).tlsCertFile(tlsCertFile).tlsKeyFile(tlsKeyFile)
                .headers(headers).allSeries(allSeries).build()
                .orElseThrow(() -> new IllegalArgumentException("the recorded remote write has no url"));
    }

    private static String path(Path p) {
        return p == null ? null : p.toString();
    }
}
