package quantum.safety.ops.prometheus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import quantum.safety.process.ChildProcess;

/**
 * The user a Prometheus on this machine runs as, found in {@code /proc} by the config file it was started with, and
 * whether that user can read a file: the files of a remote_write entry are read by Prometheus, not by install (which
 * runs as root and reads anything). The read is tried for real as that user ({@code setpriv}, so ACLs count too).
 * Anything that cannot be told — another host, a container, no {@code /proc}, not root, no {@code setpriv} — is
 * left unknown, never taken for "unreadable".
 *
 * @param pid    the process
 * @param uid    its effective user id
 * @param gid    its effective group id
 * @param groups its supplementary groups
 */
public record PrometheusProcessUser(long pid, int uid, int gid, List<Integer> groups) {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    public PrometheusProcessUser {
        groups = List.copyOf(groups);
    }

    /** The Prometheus process running {@code config} here, if one can be seen. */
    public static Optional<PrometheusProcessUser> running(Path config) {
        return running(Path.of("/proc"), config);
    }

    static Optional<PrometheusProcessUser> running(Path proc, Path config) {
        if (!Files.isDirectory(proc)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc,
                p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path pid : pids) {
                Optional<PrometheusProcessUser> found = match(pid, config);
                if (found.isPresent()) {
                    return found;
                }
            }
        } catch (IOException | RuntimeException e) {
            // /proc not listable here: unknown, not a refusal.
        }
        return Optional.empty();
    }

    /** The process of {@code /proc/<pid>} when it is a prometheus whose --config.file is {@code config}. */
    static Optional<PrometheusProcessUser> match(Path pidDir, Path config) {
        try {
            List<String> argv = Arrays.asList(new String(Files.readAllBytes(pidDir.resolve("cmdline")),
                    StandardCharsets.UTF_8).split("\0"));
            if (argv.isEmpty() || !Path.of(argv.get(0)).getFileName().toString().equals("prometheus")) {
                return Optional.empty();
            }
            Path file = Files.readSymbolicLink(pidDir.resolve("cwd")).resolve(configFlag(argv)).normalize();
            if (!Files.exists(file) || !Files.isSameFile(file, config)) {
                return Optional.empty();
            }
            List<String> status = Files.readAllLines(pidDir.resolve("status"));
            return Optional.of(new PrometheusProcessUser(Long.parseLong(pidDir.getFileName().toString()),
                    Integer.parseInt(field(status, "Uid:").get(1)), Integer.parseInt(field(status, "Gid:").get(1)),
                    field(status, "Groups:").stream().map(Integer::parseInt).toList()));
        } catch (IOException | RuntimeException e) {
            // The process ended, or is not ours to look at.
            return Optional.empty();
        }
    }

    /** True or false when the read could be tried as this user, empty when it could not. */
    public Optional<Boolean> canRead(Path file) {
        if (uid == 0) {
            return Optional.of(true);
        }
        Optional<Path> setpriv = ChildProcess.onPath("setpriv");
        if (setpriv.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>(List.of(setpriv.get().toString(), "--reuid=" + uid, "--regid=" + gid,
                groups.isEmpty() ? "--clear-groups" : "--groups=" + groups.stream().map(String::valueOf)
                        .collect(Collectors.joining(",")),
                "--", "sh", "-c", "if test -r \"$1\"; then echo readable; else echo unreadable; fi", "sh",
                file.toString()));
        try {
            String out = ChildProcess.run(command, TIMEOUT).output();
            // Not root, or setpriv refused: neither word, so unknown.
            return out.contains("unreadable") ? Optional.of(false)
                    : out.contains("readable") ? Optional.of(true) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "uid " + uid + ", gid " + gid + " (process " + pid + ")";
    }

    /** {@code --config.file=X} or {@code --config.file X}; Prometheus' default is prometheus.yml. */
    private static String configFlag(List<String> argv) {
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.startsWith("--config.file=")) {
                return arg.substring("--config.file=".length());
            }
            if (arg.equals("--config.file") && i + 1 < argv.size()) {
                return argv.get(i + 1);
            }
        }
        return "prometheus.yml";
    }

    private static List<String> field(List<String> status, String name) {
        return status.stream().filter(l -> l.startsWith(name)).findFirst()
                .map(l -> Arrays.stream(l.substring(name.length()).trim().split("\\s+")).filter(s -> !s.isEmpty())
                        .toList())
                .orElseThrow(() -> new IllegalStateException("no " + name + " line"));
    }
}
