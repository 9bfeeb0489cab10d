package quantum.safety.process;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * The Redis 6.2 server binary shipped inside the {@code com.github.codemonstur:embedded-redis} artifact, for machines
 * without {@code redis-server} on PATH: {@link LocalRedis} runs it when asked for {@link LocalRedis.Source#EMBEDDED}.
 */
final class EmbeddedRedis {

    private EmbeddedRedis() {
    }

    /** The binary for this OS and CPU, extracted once to the temporary folder (shared by runs, made executable). */
    static Path binary() throws IOException {
        String resource = embeddedResourceName();
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "quantum-safety-" + resource);
        if (!Files.isExecutable(target)) {
            Path tmp = Files.createTempFile(target.getParent(), "redis-", ".tmp");
            try (InputStream in = openEmbeddedBinary(resource)) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return target;
    }

    /**
     * The binary from the classpath (tests), else from the artifact in the local Maven repository: the runnable jar
     * leaves the 27 MB artifact out, and the {@code quantum-safety} script's Maven build has already downloaded it.
     */
    private static InputStream openEmbeddedBinary(String resource) throws IOException {
        URL url = EmbeddedRedis.class.getClassLoader().getResource(resource);
        if (url != null) {
            return url.openStream();
        }
        Path repo = Path.of(System.getProperty("user.home"), ".m2", "repository", "com", "github", "codemonstur",
                "embedded-redis");
        if (Files.isDirectory(repo)) {
            try (var versions = Files.list(repo)) {
                for (Path dir : versions.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Path jar = dir.resolve("embedded-redis-" + dir.getFileName() + ".jar");
                    if (Files.isRegularFile(jar)) {
                        java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile());
                        java.util.zip.ZipEntry entry = zip.getEntry(resource);
                        if (entry != null) {
                            InputStream in = zip.getInputStream(entry);
                            return new java.io.FilterInputStream(in) {
                                @Override
                                public void close() throws IOException {
                                    super.close();
                                    zip.close();
                                }
                            };
                        }
                        zip.close();
                    }
                }
            }
        }
        throw new IOException("no redis-server on PATH and no embedded Redis binary '" + resource
                + "' on the classpath or in ~/.m2; install Redis (apt-get install redis-server)");
    }

    private static String embeddedResourceName() throws IOException {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        boolean arm = arch.contains("aarch64") || arch.contains("arm64");
        if (os.contains("linux")) {
            return arm ? "redis-server-6.2.7-linux-arm64" : "redis-server-6.2.6-v5-linux-amd64";
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return arm ? "redis-server-6.2.6-v5-darwin-arm64" : "redis-server-6.2.6-v5-darwin-amd64";
        }
        throw new IOException("no embedded Redis binary for " + os + "/" + arch + "; install redis-server");
    }
}
