package quantum.safety.ops.backup;

import java.io.UncheckedIOException;
import java.util.Optional;

import quantum.safety.ops.OpsInputException;
import quantum.safety.ops.prometheus.RemoteWriteChoice;

/**
 * The remote write of an install given no {@code --remote-write.*} flag: the entry the install in place recorded in
 * its manifest, as {@code --job.decision-service} is remembered, so that re-running install (to upgrade the bundle,
 * say) does not silently stop sending to the long-term store. Flags, and {@code --remote-write.url=none}, win.
 *
 * <p>The install in place is the newest one not rolled back: rolling back the install that added the entry takes it
 * out of prometheus.yml, and a later install must not bring it back unasked. A manifest written before the entry was
 * recorded, or none at all, means no remote write. Manifests that cannot be read are an error (exit 2), never "none":
 * guessing there would take the operator's entry out.
 */
public final class RemoteWriteRecall {

    private RemoteWriteRecall() {
    }

    /** {@code given} unless it is {@link RemoteWriteChoice#NOT_GIVEN}; then the entry recorded in {@code store}. */
    public static RemoteWriteChoice recall(RemoteWriteChoice given, ManifestStore store) {
        if (given.origin() != RemoteWriteChoice.Origin.NOT_GIVEN) {
            return given;
        }
        Optional<Manifest> inPlace;
        try {
            inPlace = store.latestActive();
        } catch (UncheckedIOException e) {
            // The parser's message runs over several lines; the first names the file and the fault.
            throw new OpsInputException(e.getMessage().lines().findFirst().orElse("") + ", so install cannot tell "
                    + "which remote write the install in place recorded; repair or move the broken manifest, run as "
                    + "the user that owns " + store.dir() + ", or pass --remote-write.url (a URL, or none)");
        }
        if (inPlace.isEmpty() || inPlace.get().setup().remoteWrite() == null) {
            return given;
        }
        Manifest manifest = inPlace.get();
        String from = "the install of " + manifest.createdAt().replace('T', ' ') + " (" + manifest.id() + ")";
        try {
            return RemoteWriteChoice.kept(manifest.setup().remoteWrite().entry(), from);
        } catch (IllegalArgumentException e) {
            // Edited by hand, or written by a version that checked less: say where it comes from, not just the flag.
            throw new OpsInputException("the remote write recorded by " + from + " in " + store.pathOf(manifest.id())
                    + " is not usable (" + e.getMessage() + "); pass the --remote-write.* flags to replace it, or "
                    + "--remote-write.url=none to take it out");
        }
    }
}
