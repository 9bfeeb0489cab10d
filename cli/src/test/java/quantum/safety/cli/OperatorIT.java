package quantum.safety.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import quantum.safety.process.ChildProcess;
import quantum.safety.process.LocalRedis;

/**
 * What an operator meets in a real shell, through the launcher and the runnable jar: settings from the process
 * environment (the password, the legacy address, USER, HOSTNAME), which in-process tests cannot set.
 */
class OperatorIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Launcher launcher = Launcher.ofThisBuild();

    @Test
    void aWrongPasswordInTheEnvironmentIsAnAuthenticationFailureNamingTheVariable() throws Exception {
        try (LocalRedis secured = LocalRedis.start("--requirepass", "right-password")) {
            Map<String, String> env = Map.of("REDIS_PASSWORD", "wrong-password");

            Launcher.Run status = launcher.run(env, "ctl", "status", "--redis.addr", secured.uri());
            Launcher.Run change = launcher.run(env, "ctl", "kill", "on", "--reason", "drill", "--yes",
                    "--redis.addr", secured.uri());

            assertThat(status.exitCode()).isEqualTo(Main.EXIT_BLOCKED);
            assertThat(status.out()).startsWith("Status       UNREADABLE: authentication failed: Redis at "
                    + secured.uri() + " refused the password from env REDIS_PASSWORD; set the right one in env "
                    + "REDIS_PASSWORD");
            assertThat(change.exitCode()).isEqualTo(Main.EXIT_FAILURE);
            assertThat(change.errLines()).singleElement().asString()
                    .startsWith("error: authentication failed:").contains("env REDIS_PASSWORD");
            assertThat(status.out() + status.err() + change.out() + change.err())
                    .doesNotContain("wrong-password", "right-password", "does not answer");
        }
    }

    @Test
    void withoutUserTheActorIsTheLoginNameAndWithoutAnyNameTheChangeIsRefused() throws Exception {
        try (LocalRedis redis = LocalRedis.start()) {
            ProcessBuilder noUser = launcher.command("ctl", "kill", "on", "--reason", "drill", "--yes",
                    "--redis.addr", redis.uri());
            noUser.environment().remove("USER");
            noUser.environment().remove("LOGNAME");
            ChildProcess.Completed done = ChildProcess.run(noUser, "", java.time.Duration.ofSeconds(60));

            assertThat(done.exitCode()).as(done.errors()).isEqualTo(Main.EXIT_OK);
            assertThat(done.output()).contains(" by " + System.getProperty("user.name") + " at ");

            ProcessBuilder nobody = launcher.command("ctl", "kill", "off", "--reason", "drill", "--yes",
                    "--redis.addr", redis.uri());
            nobody.environment().remove("USER");
            nobody.environment().remove("LOGNAME");
            nobody.environment().put("JAVA_OPTS", "-Duser.name=?");
            ChildProcess.Completed refused = ChildProcess.run(nobody, "", java.time.Duration.ofSeconds(60));

            assertThat(refused.exitCode()).isEqualTo(Main.EXIT_USAGE);
            assertThat(refused.errors().strip()).isEqualTo("error: --actor is missing and the login name is unknown "
                    + "(no user name, USER or LOGNAME); every safety change records who made it: give --actor alice "
                    + "(or env QUANTUM_SAFETY_ACTOR=alice)");
        }
    }

    @Test
    void aBadLegacyPortNamesTheVariableAndTheFlagThatReplacesIt() throws Exception {
        Launcher.Run run = launcher.run(Map.of("REDIS_PORT", "abc"), "ctl", "status");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.errLines()).containsExactly("error: env REDIS_PORT='abc' is not a port number; set e.g. "
                + "REDIS_PORT=6379, or give the whole address with --redis.addr (env QUANTUM_SAFETY_REDIS_ADDR)");
    }

    @Test
    void theKernelIdNamesTheHostWhenHostnameIsNotExported() throws Exception {
        Path hostnameFile = Path.of("/proc/sys/kernel/hostname");
        org.assertj.core.api.Assumptions.assumeThat(hostnameFile).as("a Linux host").isReadable();
        String host = Files.readString(hostnameFile).strip();
        try (LocalRedis redis = LocalRedis.start()) {
            ProcessBuilder decide = launcher.command("kernel", "decide", "--symbol", "BTCUSDT", "--side", "BUY",
                    "--redis.addr", redis.uri());
            decide.environment().remove("HOSTNAME");
            ChildProcess.Completed done = ChildProcess.run(decide, "", java.time.Duration.ofSeconds(60));

            assertThat(done.exitCode()).as(done.errors()).isEqualTo(Main.EXIT_OK);
            assertThat(JSON.readTree(done.output()).at("/meta/kernel_id").asText()).matches(
                    java.util.regex.Pattern.quote(host) + "-\\d+");
        }
    }

    @Test
    void everySubcommandPrintsTheVersionLine() throws Exception {
        String root = launcher.run(Map.of(), "--version").out();

        assertThat(root).startsWith("quantum-safety ");
        assertThat(launcher.run(Map.of(), "ops", "install", "--version").out()).isEqualTo(root);
        assertThat(launcher.run(Map.of(), "ctl", "safe-mode", "on", "--version").out()).isEqualTo(root);
    }
}
