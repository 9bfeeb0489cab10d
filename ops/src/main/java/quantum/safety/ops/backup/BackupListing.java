package quantum.safety.ops.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import quantum.safety.ops.OpsInputException;
import quantum.safety.ops.commands.OperatorCommands;
import quantum.safety.ops.event.OpsEvent.BackupsListed;
import quantum.safety.ops.event.OpsEvent.BackupsListed.BackupFile;
import quantum.safety.ops.event.OpsEvent.BackupsListed.RollbackCommand;
import quantum.safety.ops.event.OpsListener;

/**
 * {@code ops backups}: every install recorded in the manifest folder (id, time, state, files), newest first, then the
 * loose {@code prometheus.yml.backup_*} files next to the config, legacy ones included, each with the complete
 * command that rolls back to it.
 */
public final class BackupListing {

    private BackupListing() {
    }

    /** As {@link #list(Path, ManifestStore, InstallSetup, OpsListener)} with nothing given but the config. */
    public static int list(Path prometheusConfig, ManifestStore store, OpsListener events) {
        return list(prometheusConfig, store, InstallSetup.NONE, events);
    }

    /**
     * Reports the listing as one event; returns how many installs and loose backups can be rolled back to, one
     * printed command each: an install already rolled back is listed, but counts for nothing. {@code given}: the
     * addresses and files the operator passed, which the printed commands carry over what each install recorded.
     */
    public static int list(Path prometheusConfig, ManifestStore store, InstallSetup given, OpsListener events) {
        requireConfig(prometheusConfig);
        List<Manifest> newestFirst = new ArrayList<>(store.list());
        Collections.reverse(newestFirst);
        List<Path> looseFiles = looseBackups(prometheusConfig);
        List<BackupFile> loose = looseFiles.stream().map(BackupListing::describe).toList();
        List<RollbackCommand> commands = commands(newestFirst, looseFiles, prometheusConfig, store, given);
        events.on(new BackupsListed(store.dir(), newestFirst, prometheusConfig, loose, commands));
        return commands.size();
    }

    /** Refuses a prometheus.yml that is not there: its backups would be listed as none, which misleads. */
    public static void requireConfig(Path prometheusConfig) {
        if (!Files.isRegularFile(prometheusConfig)) {
            throw new OpsInputException("--prometheus.config " + prometheusConfig + ": no such file; point it at the "
                    + "prometheus.yml Prometheus runs with, e.g. --prometheus.config=/etc/prometheus/prometheus.yml");
        }
    }

    private static List<RollbackCommand> commands(List<Manifest> newestFirst, List<Path> loose, Path config,
                                                  ManifestStore store, InstallSetup given) {
        List<RollbackCommand> commands = new ArrayList<>();
        List<Manifest> active = newestFirst.stream().filter(Manifest::active).toList();
        for (int i = 0; i < active.size(); i++) {
            Manifest m = active.get(i);
            String undoes = i == 0 ? m.id() + ", the newest install" : m.id() + " and every later install";
            commands.add(new RollbackCommand(undoes, commandsFor(Optional.of(m), config, store, given)
                    .rollback(i == 0 ? null : m.id())));
        }
        Optional<Manifest> newest = newestFirst.stream().findFirst();
        for (int i = loose.size() - 1; i >= 0; i--) {
            commands.add(new RollbackCommand(config.getFileName() + " as in " + loose.get(i).getFileName(),
                    commandsFor(newest, config, store, given).rollback(loose.get(i).toString())));
        }
        return commands;
    }

    private static OperatorCommands commandsFor(Optional<Manifest> recorded, Path config, ManifestStore store,
                                                InstallSetup given) {
        InstallSetup setup = given.orElse(recorded.map(Manifest::setup).orElse(InstallSetup.NONE));
        return new OperatorCommands(setup.toBuilder().prometheusConfig(config).backupDir(store.dir()).build());
    }

    static List<Path> looseBackups(Path config) {
        Path dir = config.toAbsolutePath().normalize().getParent();
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(config.getFileName() + ".backup_"))
                    .filter(p -> BackupStamp.isBackupName(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static BackupFile describe(Path file) {
        try {
            return new BackupFile(file, Files.size(file), Files.getLastModifiedTime(file).toString());
        } catch (IOException e) {
            return new BackupFile(file, -1, null);
        }
    }
}
