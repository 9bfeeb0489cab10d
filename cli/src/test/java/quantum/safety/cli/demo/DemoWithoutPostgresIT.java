package quantum.safety.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quantum.safety.cli.Launcher;
import quantum.safety.process.LocalRedis;

/**
 * The demo as a user runs it, on a machine where PostgreSQL cannot be started: here its temporary folder is unusable,
 * as it would be without binaries or a user to run them as. The demo says why in one line and runs to its end
 * without the archive.
 */
class DemoWithoutPostgresIT {

    private final Launcher launcher = Launcher.ofThisBuild();

    @TempDir
    Path dir;

    @Test
    void aPostgresThatCannotStartLeavesTheDemoWithoutTheArchiveAndOneLineSayingWhy() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("not-a-folder"), "");
        try (LocalRedis redis = LocalRedis.start()) {
            Launcher.Run run = launcher.run(Map.of("JAVA_OPTS", "-Djava.io.tmpdir=" + notAFolder), "demo",
                    "--duration=4s", "--window=1s", "--cooldown=2s", "--status-interval=1s",
                    "--web.listen-address=127.0.0.1:0", "--redis.addr=" + redis.uri());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out().lines().filter(l -> l.startsWith("  Archive   ")))
                    .singleElement().asString()
                    .startsWith("  Archive   off: PostgreSQL could not be started (")
                    .endsWith("); the demo goes on without the audit archive")
                    .contains("not-a-folder");
            assertThat(run.out()).contains("SAFE MODE").contains("demo stopped").doesNotContain("/audit?since=24h")
                    .doesNotContain("archived");
        }
    }
}
