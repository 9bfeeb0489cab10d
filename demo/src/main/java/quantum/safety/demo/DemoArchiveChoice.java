package quantum.safety.demo;

import java.nio.file.Path;
import java.util.Optional;

import quantum.safety.process.LocalPostgres;

/**
 * Where the demo's audit archive writes, decided from the flags before anything starts: a private PostgreSQL started
 * for the run (from the given binaries, or the best there are), an existing database given by URL, or no archive.
 *
 * @param existingUrl  the libpq URL of an existing database ({@code --archive.url}); with a password only from the
 *                     env twin, as the argv is visible to every user
 * @param urlFromArgv  whether the URL came from the command line, where a password in it is refused
 * @param passwordFile its password ({@code --archive.password-file}); without one, libpq's own places
 *                     ({@code PGPASSWORD}, the passfile)
 */
public record DemoArchiveChoice(boolean enabled, Optional<LocalPostgres.Source> source, Optional<String> existingUrl,
                                boolean urlFromArgv, Optional<Path> passwordFile) {

    /** A private PostgreSQL; {@code source} empty: the distribution's binaries, else the embedded ones. */
    public static DemoArchiveChoice local(Optional<LocalPostgres.Source> source) {
        return new DemoArchiveChoice(true, source, Optional.empty(), false, Optional.empty());
    }

    public static DemoArchiveChoice existing(String url, boolean fromArgv, Optional<Path> passwordFile) {
        return new DemoArchiveChoice(true, Optional.empty(), Optional.of(url), fromArgv, passwordFile);
    }

    public static DemoArchiveChoice off() {
        return new DemoArchiveChoice(false, Optional.empty(), Optional.empty(), false, Optional.empty());
    }
}
