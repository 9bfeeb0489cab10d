package quantum.safety.ops.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import quantum.safety.ops.OpsInputException;

/** The bundle from a folder laid out like the repository's {@code monitoring/}. */
public final class DirectoryBundleSource implements BundleSource {

    private final Path root;

    public DirectoryBundleSource(Path root) {
        if (!Files.isDirectory(root)) {
            throw new OpsInputException("--bundle.dir " + root + ": not a folder; point it at the monitoring/ folder "
                    + "of a Quantum Safety checkout");
        }
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Optional<byte[]> read(String relativePath) {
        Path file = root.resolve(relativePath);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundle file " + file, e);
        }
    }

    @Override
    public Optional<Path> directory() {
        return Optional.of(root);
    }

    @Override
    public String describe() {
        return "folder " + root;
    }
}
