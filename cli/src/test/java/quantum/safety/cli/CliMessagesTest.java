package quantum.safety.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;
import quantum.safety.process.LocalRedis;

/**
 * The real command line's messages: one line on stderr that says what is wrong, with which flag, env variable or
 * file, and the fix; never a Java class name, never "error: Error:", never the password.
 */
class CliMessagesTest {

    private record Run(int exitCode, String out, String err) {
        String line() {
            assertThat(err.lines().toList()).as(err).hasSizeBetween(1, 2);
            String line = err.lines().findFirst().orElseThrow();
            assertThat(line).startsWith("error: ").doesNotContainIgnoringCase("error: error")
                    .doesNotContain("Exception", "java.", "redis.clients", "null");
            return line;
        }
    }

    private static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.newCommandLine(env);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aBadValueFromAnEnvTwinNamesTheVariableAndTheFlag() {
        Run fromEnv = run(Map.of("QUANTUM_SAFETY_REDIS_TIMEOUT", "abc"), "ctl", "status");
        Run fromFlag = run(Map.of(), "ctl", "status", "--redis.timeout", "abc");
        Run validated = run(Map.of("QUANTUM_SAFETY_LOG_LEVEL", "loud"), "doctor");
        Run legacy = run(Map.of("QUANTUM_SAFETY_ASSUME_YES", "maybe"), "ctl", "kill", "on", "--reason", "x");

        assertThat(fromEnv.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(fromEnv.line()).isEqualTo("error: env QUANTUM_SAFETY_REDIS_TIMEOUT='abc' is not a duration; use e.g. "
                + "500ms, 10s, 5m or 1h; fix it there, or override it with --redis.timeout");
        assertThat(fromFlag.line()).contains("'--redis.timeout'", "'abc' is not a duration").doesNotContain("env");
        assertThat(validated.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(validated.line()).contains("--log.level='loud' is not a level", "env QUANTUM_SAFETY_LOG_LEVEL");
        assertThat(legacy.line()).contains("env QUANTUM_SAFETY_ASSUME_YES='maybe'", "--yes");
    }

    @Test
    void aMissingSubcommandOrArgumentSaysWhatToGiveOnce() {
        Run subcommand = run(Map.of(), "ctl");
        Run group = run(Map.of(), "ctl", "safe-mode", "on", "--reason", "x", "--yes");

        assertThat(subcommand.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(subcommand.line()).isEqualTo("error: name a subcommand: status, safe-mode, kill, faults or top");
        assertThat(group.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(group.line()).contains("--ttl=DURATION", "--latched");
    }

    @Test
    void anUnreadablePasswordFileNamesTheFlagTheVariableAndTheFileInWords(@TempDir Path dir) {
        Path missing = dir.resolve("redis-password");
        Run run = run(Map.of(), "ctl", "status", "--redis.password-file", missing.toString());

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.line()).contains("--redis.password-file", "QUANTUM_SAFETY_REDIS_PASSWORD_FILE", missing.toString(),
                "no such file");
    }

    @Test
    void aServerThatWantsAPasswordSaysAuthenticationFailedNotThatItDoesNotAnswer() throws Exception {
        try (LocalRedis secured = LocalRedis.start("--requirepass", "right-password")) {
            Run change = run(Map.of(), "ctl", "kill", "on", "--reason", "drill", "--yes", "--redis.addr", secured.uri());
            Run status = run(Map.of(), "ctl", "status", "--redis.addr", secured.uri());

            assertThat(change.exitCode()).isEqualTo(Main.EXIT_FAILURE);
            assertThat(change.line()).isEqualTo("error: authentication failed: Redis at " + secured.uri() + " requires a "
                    + "password and none was given; set it in env QUANTUM_SAFETY_REDIS_PASSWORD (legacy REDIS_PASSWORD) "
                    + "or --redis.password-file FILE");
            assertThat(status.exitCode()).isEqualTo(Main.EXIT_BLOCKED);
            assertThat(status.out()).contains("UNREADABLE: authentication failed").doesNotContain("does not answer");
        }
    }

    @Test
    void aServerThatIsNotThereDoesNotAnswerAndTheAddressFlagIsNamed() throws Exception {
        String nowhere = "redis://127.0.0.1:" + LocalRedis.freePort();
        for (String command : List.of("top", "faults")) {
            Run run = run(Map.of(), "ctl", command, "--redis.addr", nowhere);

            assertThat(run.exitCode()).as(command).isEqualTo(Main.EXIT_FAILURE);
            assertThat(run.line()).isEqualTo("error: Redis does not answer at " + nowhere + " (connection refused); "
                    + "start it, or point --redis.addr (env QUANTUM_SAFETY_REDIS_ADDR) at it");
        }
    }
}
