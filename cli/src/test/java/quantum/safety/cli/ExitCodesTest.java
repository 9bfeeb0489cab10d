package quantum.safety.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Exit codes come from the exception's type: only a usage exception is 2, and everything else is 1 with one line. */
class ExitCodesTest {

    /** Throws what {@code --fail} names, the way a command's business logic would. */
    @Command(name = "failing")
    static final class Failing implements Callable<Integer> {

        @Option(names = "--fail")
        String fail;

        @Mixin
        LoggingOptions logging;

        @Override
        public Integer call() throws Exception {
            throw switch (fail) {
                case "usage" -> new UsageException("--window='soon' is not a duration; use e.g. 10s");
                case "illegal-argument" -> new IllegalArgumentException("window must be at least 1 second, got 0");
                case "error-prefixed" -> new IllegalStateException("Error: the collector thread died");
                case "wrapped" -> new UncheckedIOException(new IOException("No space left on device"));
                case "no-message" -> new NullPointerException();
                case "multi-line" -> new IllegalStateException("first line\n\tat somewhere\nsecond line");
                case "sentence" -> new IllegalStateException("Redis did not answer.");
                default -> new IllegalStateException("unknown case " + fail);
            };
        }
    }

    /** A command without --log.level, like the ctl commands. */
    @Command(name = "quiet")
    static final class WithoutLogLevel implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("boom");
        }
    }

    private record Run(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = ExitCodes.install(new CommandLine(command));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aUsageExceptionExitsTwoWithItsLine() {
        Run run = run(new Failing(), "--fail=usage");
        assertThat(run.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.errLines()).containsExactly("error: --window='soon' is not a duration; use e.g. 10s");
    }

    @Test
    void aBadFlagIsAPicocliParameterExceptionAndExitsTwo() {
        Run run = run(new Failing(), "--no-such-flag");
        assertThat(run.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.errLines().get(0)).startsWith("error: ").contains("--no-such-flag");
    }

    @Test
    void anIllegalArgumentExceptionThatNoCommandConvertedIsAFailureNotBadInput() {
        Run run = run(new Failing(), "--fail=illegal-argument");
        assertThat(run.code()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(run.errLines()).containsExactly("error: window must be at least 1 second, got 0 "
                + "(--log.level=debug shows the stack trace)");
    }

    @Test
    void anUnexpectedFailureIsOneLineWithoutDoubledPrefixesOrClassNames() {
        for (String fail : List.of("error-prefixed", "wrapped", "no-message", "multi-line", "sentence")) {
            Run run = run(new Failing(), "--fail=" + fail);
            assertThat(run.code()).as(fail).isEqualTo(Main.EXIT_FAILURE);
            assertThat(run.errLines()).as(fail).singleElement().asString()
                    .startsWith("error: ")
                    .doesNotContainIgnoringCase("error: error")
                    .doesNotContain("Exception", "java.", "\tat ")
                    .endsWith("(--log.level=debug shows the stack trace)");
        }
        assertThat(run(new Failing(), "--fail=error-prefixed").err()).startsWith("error: the collector thread died (");
        assertThat(run(new Failing(), "--fail=wrapped").err()).startsWith("error: No space left on device (");
        assertThat(run(new Failing(), "--fail=no-message").err()).startsWith("error: an unexpected internal failure (");
        assertThat(run(new Failing(), "--fail=multi-line").err()).startsWith("error: first line (");
        assertThat(run(new Failing(), "--fail=sentence").err()).startsWith("error: Redis did not answer (");
    }

    @Test
    void underDebugTheStackTraceFollowsTheLine() {
        Run run = run(new Failing(), "--fail=wrapped", "--log.level=debug");
        assertThat(run.code()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(run.errLines().get(0)).isEqualTo("error: No space left on device");
        assertThat(run.err()).contains("java.io.UncheckedIOException", "Caused by: java.io.IOException",
                "at quantum.safety.cli.ExitCodesTest$Failing.call");

        Run usage = run(new Failing(), "--fail=usage", "--log.level=DEBUG");
        assertThat(usage.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(usage.errLines().get(0)).isEqualTo("error: --window='soon' is not a duration; use e.g. 10s");
        assertThat(usage.err()).contains("quantum.safety.cli.UsageException");
    }

    @Test
    void aCommandWithoutTheFlagNamesTheEnvThatShowsTheStackTrace() {
        // The test JVM runs with QUANTUM_SAFETY_LOG_LEVEL=warn (see the parent POM's surefire settings).
        Run run = run(new WithoutLogLevel());
        assertThat(run.code()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(run.errLines()).containsExactly("error: boom (env QUANTUM_SAFETY_LOG_LEVEL=debug shows the stack trace)");
    }

    @Test
    void theMappingDependsOnTheTypeOnly() {
        assertThat(ExitCodes.forException(new UsageException("x"))).isEqualTo(Main.EXIT_USAGE);
        assertThat(ExitCodes.forException(new IllegalArgumentException("x"))).isEqualTo(Main.EXIT_FAILURE);
        assertThat(ExitCodes.forException(new quantum.safety.ops.OpsInputException("x"))).isEqualTo(Main.EXIT_FAILURE);
        assertThat(ExitCodes.forException(new IllegalStateException("x"))).isEqualTo(Main.EXIT_FAILURE);
    }

    @Test
    void messagesLoseLeadingClassNamesAndErrorPrefixes() {
        assertThat(ExitCodes.clean("java.net.ConnectException: Connection refused")).isEqualTo("Connection refused");
        assertThat(ExitCodes.clean("redis.clients.jedis.exceptions.JedisConnectionException: java.net.SocketTimeoutException: "
                + "Read timed out")).isEqualTo("Read timed out");
        assertThat(ExitCodes.clean("ERROR: error: disk full")).isEqualTo("disk full");
        assertThat(ExitCodes.clean("web config /etc/x.yml: tls_server_config.cert_file is missing"))
                .isEqualTo("web config /etc/x.yml: tls_server_config.cert_file is missing");
        assertThat(ExitCodes.clean("x".repeat(1000))).hasSize(ExitCodes.MAX_MESSAGE + 1);
    }
}
