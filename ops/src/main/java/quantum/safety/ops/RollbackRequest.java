package quantum.safety.ops;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

import quantum.safety.ops.plan.RollbackPlan;

/**
 * What {@code ops rollback} is asked to do. {@code to}: an install id ({@code install_qs_20260119_034418}), its
 * manifest file, or a single backup file ({@code prometheus.yml.backup_p12_20260119_034418}, legacy ones too);
 * empty means the newest install not rolled back yet.
 */
public record RollbackRequest(Path prometheusConfig, Optional<Path> backupDir, Optional<String> to,
                              String prometheusUrl, boolean reload, boolean verify, Duration verifyTimeout,
                              boolean force, String promtool, String amtool, Clock clock, Predicate<RollbackPlan> confirm) {

    public static RollbackRequest of(Path prometheusConfig, String prometheusUrl) {
        return new RollbackRequest(prometheusConfig, Optional.empty(), Optional.empty(), prometheusUrl, true, true,
                Duration.ofSeconds(60), false, "promtool", "amtool", Clock.systemDefaultZone(), plan -> true);
    }

    public RollbackRequest to(String target) {
        return new RollbackRequest(prometheusConfig, backupDir, Optional.of(target), prometheusUrl, reload, verify,
                verifyTimeout, force, promtool, amtool, clock, confirm);
    }

    public RollbackRequest withForce(boolean value) {
        return new RollbackRequest(prometheusConfig, backupDir, to, prometheusUrl, reload, verify, verifyTimeout, value,
                promtool, amtool, clock, confirm);
    }

    public RollbackRequest withBackupDir(Path dir) {
        return new RollbackRequest(prometheusConfig, Optional.of(dir), to, prometheusUrl, reload, verify, verifyTimeout,
                force, promtool, amtool, clock, confirm);
    }

    public RollbackRequest withReload(boolean reloadIt, boolean verifyIt, Duration timeout) {
        return new RollbackRequest(prometheusConfig, backupDir, to, prometheusUrl, reloadIt, verifyIt, timeout, force,
                promtool, amtool, clock, confirm);
    }

    public RollbackRequest withTools(String promtoolPath, String amtoolPath) {
        return new RollbackRequest(prometheusConfig, backupDir, to, prometheusUrl, reload, verify, verifyTimeout, force,
                promtoolPath, amtoolPath, clock, confirm);
    }

    public RollbackRequest withConfirm(Predicate<RollbackPlan> value) {
        return new RollbackRequest(prometheusConfig, backupDir, to, prometheusUrl, reload, verify, verifyTimeout, force,
                promtool, amtool, clock, value);
    }

    public RollbackRequest withClock(Clock value) {
        return new RollbackRequest(prometheusConfig, backupDir, to, prometheusUrl, reload, verify, verifyTimeout, force,
                promtool, amtool, value, confirm);
    }

    Path configPath() {
        return prometheusConfig.toAbsolutePath().normalize();
    }
}
