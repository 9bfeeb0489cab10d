package quantum.safety.ops.backup;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one install changed, written (with every backup) before the first live file changes, so a rollback, even
 * after a crash half-way, knows what to restore and what to delete. {@code rolledBackAt} marks it undone.
 * {@code setup} is every address and file the install used, so later commands find them without being told; a
 * manifest written before it was recorded reads with only {@code prometheusConfig} known.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(String id, String kind, String tag, String createdAt, String prometheusConfig,
                       List<FileChange> files, List<String> createdDirectories, String rolledBackAt,
                       InstallSetup setup) {

    public static final String KIND_INSTALL = "install";

    public Manifest {
        files = List.copyOf(files);
        createdDirectories = createdDirectories == null ? List.of() : List.copyOf(createdDirectories);
        if (setup == null) {
            setup = new InstallSetup(null, prometheusConfig, null, null, null, null, null, null, null, null, null, null, null);
        }
    }

    /** A manifest without a recorded setup, as written before there was one. */
    public Manifest(String id, String kind, String tag, String createdAt, String prometheusConfig,
                    List<FileChange> files, List<String> createdDirectories, String rolledBackAt) {
        this(id, kind, tag, createdAt, prometheusConfig, files, createdDirectories, rolledBackAt, null);
    }

    public boolean active() {
        return rolledBackAt == null;
    }

    public Manifest rolledBack(String when) {
        return new Manifest(id, kind, tag, createdAt, prometheusConfig, files, createdDirectories, when, setup);
    }
}
