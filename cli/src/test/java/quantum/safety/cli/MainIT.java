package quantum.safety.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import quantum.safety.process.LocalRedis;

/** Exit codes and stderr as a shell sees them, from the launcher and the runnable jar of this build. */
class MainIT {

    private final Launcher launcher = Launcher.ofThisBuild();

    @Test
    void versionNamesTheBuild() throws Exception {
        Launcher.Run run = launcher.run(Map.of(), "--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("quantum-safety 0.1.0-SNAPSHOT");
    }

    @Test
    void badInputExitsTwoWithOneLineAndNothingElse() throws Exception {
        Launcher.Run run = launcher.run(Map.of(), "kernel", "decide", "--symbol", "BTCUSDT", "--side", "HOLD",
                "--redis.addr", "redis://127.0.0.1:" + LocalRedis.freePort());
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.errLines()).containsExactly("error: side 'HOLD' is not BUY or SELL");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aFailureExitsOneWithOneLineAndTheStackTraceOnlyAtDebug() throws Exception {
        String nowhere = "redis://127.0.0.1:" + LocalRedis.freePort();
        String[] args = {"ctl", "kill", "on", "--actor", "alice", "--reason", "drill", "--yes", "--redis.addr", nowhere};

        Launcher.Run plain = launcher.run(Map.of(), args);
        assertThat(plain.exitCode()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(plain.errLines()).singleElement().asString()
                .startsWith("error: Redis does not answer at " + nowhere).doesNotContainIgnoringCase("error: error")
                .doesNotContain("Exception", "redis.clients", "\tat ");

        Launcher.Run debug = launcher.run(Map.of("QUANTUM_SAFETY_LOG_LEVEL", "debug"), args);
        assertThat(debug.exitCode()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(debug.errLines().get(0)).isEqualTo(plain.errLines().get(0));
        assertThat(debug.err()).contains("redis.clients.jedis.exceptions.JedisConnectionException", "\tat ");
    }
}
