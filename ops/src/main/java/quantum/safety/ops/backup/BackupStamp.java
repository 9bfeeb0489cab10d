package quantum.safety.ops.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import quantum.safety.ops.OpsInputException;

/**
 * The {@code <tag>_<YYYYMMDD>_<HHMMSS>} suffix of one operation, as in the legacy procedure's
 * {@code prometheus.yml.backup_p12_20260119_034418}, in the machine's local time like {@code date +%Y%m%d_%H%M%S}.
 */
public record BackupStamp(String tag, LocalDateTime time) {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9-]+");
    /** {@code <file>.backup_<tag>_<YYYYMMDD>_<HHMMSS>[_<n>]}; the tag may itself contain underscores in legacy names. */
    private static final Pattern BACKUP_NAME = Pattern.compile("(.+)\\.backup_(.+)_(\\d{8}_\\d{6})(?:_\\d+)?");

    public BackupStamp {
        requireValidTag(tag);
        time = time.withNano(0);
    }

    /** Refuses a tag that would make backup names ambiguous or reach outside their folder ({@code ../evil}). */
    public static void requireValidTag(String tag) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new OpsInputException("--backup.tag '" + tag + "': use letters, digits and '-' only, e.g. "
                    + "--backup.tag=p13; nothing was changed");
        }
    }

    public static BackupStamp now(String tag, Clock clock) {
        return new BackupStamp(tag, LocalDateTime.now(clock));
    }

    public String suffix() {
        return tag + "_" + FORMAT.format(time);
    }

    /** {@code file.backup_<tag>_<stamp>}, with {@code _2}, {@code _3}… when that name is taken (two runs in one second). */
    public Path backupPathFor(Path file) {
        Path candidate = file.resolveSibling(file.getFileName() + ".backup_" + suffix());
        for (int n = 2; Files.exists(candidate); n++) {
            candidate = file.resolveSibling(file.getFileName() + ".backup_" + suffix() + "_" + n);
        }
        return candidate;
    }

    /** The live file a backup belongs to ({@code x.yml.backup_p12_20260119_034418} → {@code x.yml}), if it is one. */
    public static java.util.Optional<Path> originalOf(Path backup) {
        Matcher m = BACKUP_NAME.matcher(backup.getFileName().toString());
        return m.matches() ? java.util.Optional.of(backup.resolveSibling(m.group(1))) : java.util.Optional.empty();
    }

    public static boolean isBackupName(String fileName) {
        return BACKUP_NAME.matcher(fileName).matches();
    }
}
