package quantum.safety.ops.backup;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import quantum.safety.kernel.FailureWords;
import quantum.safety.ops.OpsInputException;

/**
 * Finds, before anything changes, a folder we could not write into. {@link Files#isWritable} alone is not enough:
 * for root it is true on a mode-555 folder, so we also create and delete a probe file, which fails on a read-only
 * mount, an immutable folder, a file system that takes no files (such as /proc) or a missing permission alike.
 */
public final class WritableCheck {

    private WritableCheck() {
    }

    /** Throws naming {@code flag} and the fix when {@code dir} (or, if absent, the folder that would hold it) is not writable. */
    public static void requireWritableDir(String flag, Path dir) {
        Path existing = dir.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new OpsInputException(flag + " " + dir + ": " + (existing == null ? "no such folder"
                    : existing + " is a file, not a folder") + "; pass an existing folder");
        }
        String problem = probe(existing);
        if (problem != null) {
            throw new OpsInputException(flag + " " + dir + ": cannot write in " + existing + " (" + problem
                    + "); nothing was changed. Run as the user that owns it, or make the mount writable");
        }
    }

    private static String probe(Path dir) {
        if (!Files.isWritable(dir)) {
            return "not writable";
        }
        try {
            Path probe = Files.createTempFile(dir, ".quantum-safety-probe-", ".tmp");
            Files.delete(probe);
            return null;
        } catch (IOException e) {
            return describe(e);
        }
    }

    /** Why the probe file could not be made, in words (the JDK's message is often only the probe's own path). */
    static String describe(IOException e) {
        String reason = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        if (reason != null && reason.contains("Read-only")) {
            return "read-only file system";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no file can be created there";
        }
        return reason != null ? reason : FailureWords.of(e);
    }
}
