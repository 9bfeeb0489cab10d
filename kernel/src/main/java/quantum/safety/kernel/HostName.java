package quantum.safety.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * This machine's name for {@code kernel_id}: env {@code HOSTNAME} when exported, else what {@code hostname} prints.
 * Shells set {@code HOSTNAME} without exporting it, so systemd units, cron and most child processes do not see it;
 * the kernel's own name for the host is read instead, without a DNS lookup first since that can hang on a broken
 * resolver.
 */
final class HostName {

    /** Looked up once: the name does not change under a running kernel, and every config builder asks. */
    private static final Optional<String> SYSTEM = first(List.of(
            () -> read(Path.of("/proc/sys/kernel/hostname")),
            () -> read(Path.of("/etc/hostname")),
            HostName::resolverName));

    private HostName() {
    }

    /** {@code hostname} from env, else the system's; empty when neither is known. */
    static Optional<String> of(String envHostname) {
        return first(List.of(() -> envHostname)).or(() -> SYSTEM);
    }

    /** The first source that gives a usable name: non-blank, white space replaced (a kernel id has none). */
    static Optional<String> first(List<Supplier<String>> sources) {
        for (Supplier<String> source : sources) {
            String name = source.get();
            if (name != null && !name.isBlank()) {
                return Optional.of(name.strip().replaceAll("\\s+", "_"));
            }
        }
        return Optional.empty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String resolverName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return null;
        }
    }
}
