package quantum.safety.ops.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Files that are never half-written: write a temporary file in the same folder, flush it to disk, then rename it
 * over the target, so Prometheus (or a crash) sees either the old or the new file, never a mix. The new file keeps
 * the old one's owner and mode; a created file is world-readable, since Prometheus and Grafana often run as their
 * own users.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".qs-tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap(content));
                channel.force(true);
            }
            copyOwnershipAndMode(target, tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A byte-for-byte copy with the original's mode and times, never overwriting an existing file. */
    public static void backup(Path original, Path backup) throws IOException {
        Files.copy(original, backup, StandardCopyOption.COPY_ATTRIBUTES);
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(Path file) throws IOException {
        return sha256(Files.readAllBytes(file));
    }

    private static void copyOwnershipAndMode(Path from, Path to) throws IOException {
        PosixFileAttributeView toView = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (toView == null) {
            return;
        }
        if (Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            PosixFileAttributes attrs = Files.readAttributes(from, PosixFileAttributes.class);
            toView.setPermissions(attrs.permissions());
            try {
                toView.setOwner(attrs.owner());
                toView.setGroup(attrs.group());
            } catch (IOException | UnsupportedOperationException e) {
                // Not root: the file stays ours, with the original's mode; Prometheus can still read it.
            }
        } else {
            toView.setPermissions(PosixFilePermissions.fromString("rw-r--r--"));
        }
    }
}
