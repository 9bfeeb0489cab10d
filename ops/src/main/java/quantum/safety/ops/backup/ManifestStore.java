package quantum.safety.ops.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The folder of install manifests, one JSON file per install named after its id, e.g.
 * {@code /etc/prometheus/quantum-safety-backups/install_qs_20260119_034418.json}.
 */
public final class ManifestStore {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    public ManifestStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The default folder: {@code quantum-safety-backups} next to prometheus.yml. */
    public static Path defaultDirFor(Path prometheusConfig) {
        return prometheusConfig.toAbsolutePath().normalize().resolveSibling("quantum-safety-backups");
    }

    public Path dir() {
        return dir;
    }

    public Path pathOf(String id) {
        return dir.resolve(id + ".json");
    }

    /** A fresh id for an install stamped {@code stamp}, unique in this folder. */
    public String newId(BackupStamp stamp) {
        String id = "install_" + stamp.suffix();
        for (int n = 2; Files.exists(pathOf(id)); n++) {
            id = "install_" + stamp.suffix() + "_" + n;
        }
        return id;
    }

    public void save(Manifest manifest) {
        try {
            Files.createDirectories(dir);
            AtomicFiles.write(pathOf(manifest.id()), JSON.writeValueAsBytes(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write manifest " + pathOf(manifest.id()) + ": " + e.getMessage(), e);
        }
    }

    /** Every manifest, oldest first (ids sort by time; the file's creation order breaks ties). */
    public List<Manifest> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Manifest> manifests = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                manifests.add(JSON.readValue(file.toFile(), Manifest.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifests in " + dir + ": " + e.getMessage(), e);
        }
        manifests.sort(Comparator.comparing(Manifest::createdAt).thenComparing(ManifestStore::stamp)
                .thenComparing(ManifestStore::sequence).thenComparing(Manifest::id));
        return manifests;
    }

    public Optional<Manifest> find(String id) {
        return list().stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** The newest install not rolled back yet. */
    public Optional<Manifest> latestActive() {
        List<Manifest> all = list();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).active()) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * The install whose setup describes the system now: the newest one not rolled back, else the newest of all (a
     * rolled-back install still tells where Prometheus is).
     */
    public Optional<Manifest> newest() {
        List<Manifest> all = list();
        return all.stream().filter(Manifest::active).reduce((older, newer) -> newer)
                .or(() -> all.stream().reduce((older, newer) -> newer));
    }

    /** Removes a manifest's file (its backups are the caller's); true when there was one. */
    public boolean delete(Manifest manifest) {
        try {
            return Files.deleteIfExists(pathOf(manifest.id()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete manifest " + pathOf(manifest.id()) + ": " + e.getMessage(), e);
        }
    }

    /** Ids stamped in the same second get a numeric suffix: install_qs_..._2 sorts after install_qs_.... */
    private static int sequence(Manifest manifest) {
        String id = manifest.id();
        return hasSequence(id) ? Integer.parseInt(id.substring(id.lastIndexOf('_') + 1)) : 1;
    }

    /**
     * The id without its sequence: the second the install's stamp was taken. createdAt is read from the clock apart
     * from it, so two installs can share a createdAt second while their stamps differ; the sequence only orders ids of
     * one stamp ({@code _040639_2} is older than {@code _040640}).
     */
    private static String stamp(Manifest manifest) {
        String id = manifest.id();
        return hasSequence(id) ? id.substring(0, id.lastIndexOf('_')) : id;
    }

    private static boolean hasSequence(String id) {
        String last = id.substring(id.lastIndexOf('_') + 1);
        return last.length() < 6 && !last.isEmpty() && last.chars().allMatch(Character::isDigit);
    }
}
