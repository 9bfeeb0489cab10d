package quantum.safety.ops.backup;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one install changed, written (with every backup) before the first live file changes, so a rollback, even
 * after a crash half-way, knows what to restore and what to delete. {@code rolledBackAt} marks it undone.
 * {@code prometheusUrl} and {@code alertmanagerUrl} are the services the install reloaded, so the rollback reloads
 * the same ones; null in manifests of older versions, and {@code alertmanagerUrl} when none was given.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(String id, String kind, String tag, String createdAt, String prometheusConfig,
                       List<FileChange> files, List<String> createdDirectories, String rolledBackAt,
                       String prometheusUrl, String alertmanagerUrl) {

    public static final String KIND_INSTALL = "install";

    public Manifest {
        files = List.copyOf(files);
        createdDirectories = createdDirectories == null ? List.of() : List.copyOf(createdDirectories);
    }

    public boolean active() {
        return rolledBackAt == null;
    }

    public Manifest rolledBack(String when) {
        return new Manifest(id, kind, tag, createdAt, prometheusConfig, files, createdDirectories, when, prometheusUrl,
                alertmanagerUrl);
    }
}
