package quantum.safety.ops.prometheus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import quantum.safety.ops.OpsInputException;

/**
 * The files a {@link RemoteWrite} names, checked before anything changes, at the absolute paths install writes into
 * prometheus.yml, so Prometheus reads exactly the files checked here. Prometheus reads the password and the token
 * on every request and the TLS files on reload, and a file it cannot read makes every send fail (or the reload), so
 * each must be a readable regular file (by the user Prometheus runs as, when that can be told) and a password or
 * token file must hold something besides white space (Prometheus trims it, and would send an empty credential). The
 * contents are never shown.
 */
public final class RemoteWriteFiles {

    private RemoteWriteFiles() {
    }

    /** Exit 2, naming the flag, the path and the fix, at the first file that will not do. */
    public static void check(RemoteWrite remoteWrite) {
        check(remoteWrite, Optional.empty());
    }

    /**
     * {@link #check(RemoteWrite)}, and when the Prometheus that will read the files runs here ({@code reader}), each
     * file must be readable by its user: tried as that user, so a file only root can read is refused before install
     * writes a config whose every send would then fail.
     */
    public static void check(RemoteWrite remoteWrite, Optional<PrometheusProcessUser> reader) {
        for (Map.Entry<String, Path> file : remoteWrite.files().entrySet()) {
            check(file.getKey(), file.getValue());
            if (reader.isPresent() && reader.get().canRead(file.getValue()).equals(Optional.of(false))) {
                throw new OpsInputException(file.getKey() + " " + file.getValue() + ": the user Prometheus runs as ("
                        + reader.get() + ") cannot read it; give it to that user (e.g. chown prometheus, chmod 0400) "
                        + "or its group, with every folder above it searchable, then run install again");
            }
        }
    }

    /**
     * The files of the entry {@code choice} installs, if any. For an entry kept from an earlier install, whose flags
     * were not given this time, the message says where it comes from and how to replace or drop it.
     */
    public static void check(RemoteWriteChoice choice, Optional<PrometheusProcessUser> reader) {
        if (choice.entry().isEmpty()) {
            return;
        }
        try {
            check(choice.entry().get(), reader);
        } catch (OpsInputException e) {
            if (choice.origin() != RemoteWriteChoice.Origin.KEPT) {
                throw e;
            }
            throw new OpsInputException(e.getMessage() + " (the remote write kept from " + choice.from() + "; or pass "
                    + "the --remote-write.* flags to replace it, or " + RemoteWriteInput.URL + "=" + RemoteWriteInput.NONE
                    + " to take it out)");
        }
    }

    private static void check(String flag, Path path) {
        if (!Files.exists(path)) {
            throw new OpsInputException(flag + " " + path + ": no such file; create it (readable by the user Prometheus "
                    + "runs as, e.g. chown prometheus and chmod 0400) or fix the path");
        }
        if (!Files.isRegularFile(path)) {
            throw new OpsInputException(flag + " " + path + ": not a regular file; give the file itself");
        }
        if (!Files.isReadable(path)) {
            throw new OpsInputException(flag + " " + path + ": cannot be read; make it readable by the user Prometheus "
                    + "runs as (and run install as a user that can read it, e.g. root)");
        }
        if (flag.equals(RemoteWriteInput.PASSWORD_FILE) || flag.equals(RemoteWriteInput.BEARER_TOKEN_FILE)) {
            try {
                if (Files.readString(path).isBlank()) {
                    throw new OpsInputException(flag + " " + path + ": the file is empty (or white space only), so "
                            + "Prometheus would send an empty credential; write the secret into it");
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new OpsInputException(flag + " " + path + ": cannot be read (" + e.getClass().getSimpleName()
                        + "); make it a readable text file");
            }
        }
    }
}
