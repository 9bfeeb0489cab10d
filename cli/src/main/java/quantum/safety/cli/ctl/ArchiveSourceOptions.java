package quantum.safety.cli.ctl;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import quantum.safety.archive.ArchiveSetting;
import quantum.safety.archive.PostgresTarget;
import quantum.safety.cli.UsageException;
import quantum.safety.cli.settings.SettingsFrom;

/**
 * Where {@code ctl faults} finds the audit archive: the archive's own connection settings ({@link ArchiveSetting}'s
 * {@code --archive.url} and {@code --archive.password-file} with their env twins, as rows of {@link CtlSetting}) and
 * libpq's {@code PG*} variables, read by the archive's {@link PostgresTarget}. Configured when the URL is given or {@code PGHOST} / {@code PGDATABASE} name a
 * database; otherwise {@code ctl faults} reads the stream alone and says how far back it reaches.
 */
@SettingsFrom(CtlSetting.class)
final class ArchiveSourceOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--archive.url", paramLabel = "URL")
    String url;

    @Option(names = "--archive.password-file", paramLabel = "FILE")
    Path passwordFile;

    /** How an operator configures it, for the note of a range older than the stream. */
    static String howToConfigure() {
        return ArchiveSetting.URL.flag() + " (env " + ArchiveSetting.URL.env() + ", or libpq's PGHOST and PGDATABASE)"
                + ", with " + ArchiveSetting.PASSWORD_FILE.flag() + " or ~/.pgpass for the password";
    }

    /**
     * The archive to read, not yet connected; empty when none is configured.
     *
     * @param env the process environment ({@code PG*}, {@code HOME})
     * @throws UsageException when the settings cannot be used as given (exit 2)
     */
    Optional<FaultArchive> open(Map<String, String> env) {
        boolean fromArgv = spec != null && spec.commandLine() != null && spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption(ArchiveSetting.URL.flag());
        boolean configured = url != null && !url.isBlank() || present(env, "PGHOST") || present(env, "PGDATABASE");
        if (!configured) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ArchivedFaults(PostgresTarget.resolve(url, fromArgv, passwordFile, env)));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private static boolean present(Map<String, String> env, String name) {
        return env.get(name) != null && !env.get(name).isBlank();
    }
}
