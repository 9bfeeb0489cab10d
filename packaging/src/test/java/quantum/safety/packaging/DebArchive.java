package quantum.safety.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import quantum.safety.process.ChildProcess;

/**
 * A built {@code .deb} as dpkg itself reads it: the control fields ({@code dpkg-deb --field}), the file list with
 * modes and owners ({@code --contents}), the control archive ({@code --ctrl-tarfile}, unpacked by tar) and the files
 * ({@code --extract}), both unpacked once into a folder of the caller.
 */
final class DebArchive {

    /** One line of {@code dpkg-deb --contents}: a path as installed (no leading dot), its mode string and owner. */
    record Entry(String path, String mode, String owner) {

        boolean isDirectory() {
            return mode.startsWith("d");
        }
    }

    private final Path deb;
    private final Path controlDir;
    private final Path rootDir;

    private DebArchive(Path deb, Path controlDir, Path rootDir) {
        this.deb = deb;
        this.controlDir = controlDir;
        this.rootDir = rootDir;
    }

    /** Unpacks {@code deb} (control archive and files) into {@code workDir}. */
    static DebArchive unpack(Path deb, Path workDir) throws IOException {
        Path control = Files.createDirectories(workDir.resolve("control"));
        Path root = Files.createDirectories(workDir.resolve("root"));
        run("sh", "-c", "dpkg-deb --ctrl-tarfile \"$1\" | tar -x -C \"$2\"", "sh", deb.toString(), control.toString());
        run("dpkg-deb", "--extract", deb.toString(), root.toString());
        return new DebArchive(deb, control, root);
    }

    /** The control fields in their order; a continued field (Description) keeps its continuation lines. */
    Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        String last = null;
        for (String line : run("dpkg-deb", "--field", deb.toString()).lines().toList()) {
            if (line.startsWith(" ") && last != null) {
                fields.put(last, fields.get(last) + "\n" + line.substring(1));
            } else {
                int colon = line.indexOf(':');
                last = line.substring(0, colon);
                fields.put(last, line.substring(colon + 1).strip());
            }
        }
        return fields;
    }

    /** Every file and folder of the package by installed path, e.g. {@code /usr/bin/quantum-safety}. */
    Map<String, Entry> contents() {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (String line : run("dpkg-deb", "--contents", deb.toString()).lines().toList()) {
            // -rw-r--r-- root/root  12928102 2026-01-19 03:44 ./usr/share/quantum-safety/quantum-safety.jar
            String[] words = line.trim().split("\\s+", 6);
            String path = words[5].replaceFirst("^\\./", "/").replaceFirst("(.)/$", "$1");
            entries.put(path, new Entry(path, words[0], words[1]));
        }
        return entries;
    }

    /** A member of the control archive (control, conffiles, md5sums, postinst, …). */
    Path controlFile(String name) {
        return controlDir.resolve(name);
    }

    /** The names in the control archive. */
    List<String> controlFiles() throws IOException {
        try (var files = Files.list(controlDir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A file of the package by its installed path, as unpacked. */
    Path file(String installedPath) {
        return rootDir.resolve(installedPath.replaceFirst("^/", ""));
    }

    /** Runs a tool to its end; a failure is an error of the build, not a finding. */
    static String run(String... command) {
        try {
            ChildProcess.Completed run = ChildProcess.run(new ArrayList<>(List.of(command)), Duration.ofMinutes(2));
            if (!run.succeeded()) {
                throw new IllegalStateException(run.describe());
            }
            return run.output();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + List.of(command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + List.of(command), e);
        }
    }
}
