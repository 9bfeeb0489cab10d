package quantum.safety.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    @TempDir
    Path dir;

    @Test
    void aToolRunToItsEndGivesItsExitCodeAndEverythingItPrinted() throws Exception {
        ChildProcess.Completed run = ChildProcess.run(List.of("sh", "-c", "pwd; echo to-stdout; echo to-stderr >&2; exit 3"),
                dir, Duration.ofSeconds(30));

        assertThat(run.timedOut()).isFalse();
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.succeeded()).isFalse();
        assertThat(run.output()).contains(dir.toRealPath().toString(), "to-stdout", "to-stderr");
    }

    @Test
    void aToolThatRunsPastItsDeadlineIsKilled() throws Exception {
        ChildProcess.Completed run = ChildProcess.run(List.of("sh", "-c", "echo started; exec sleep 600"),
                Duration.ofMillis(300));

        assertThat(run.timedOut()).isTrue();
        assertThat(run.exitCode()).isEqualTo(-1);
        assertThat(run.output()).contains("started");
    }

    @Test
    void aToolReadsItsInputAndMayKeepStderrApart() throws Exception {
        ChildProcess.Completed run = ChildProcess.run(new ProcessBuilder("sh", "-c", "cat; echo oops >&2"),
                "line-1\nline-2\n", Duration.ofSeconds(30));

        assertThat(run.succeeded()).as(run.describe()).isTrue();
        assertThat(run.output()).isEqualTo("line-1\nline-2\n");
        assertThat(run.errors()).isEqualTo("oops\n");
        assertThat(run.describe()).startsWith("sh -c cat; echo oops >&2 → exit 0\n");
    }

    @Test
    void stopSaysWhetherTheProcessEndedOnSigtermOrHadToBeKilled() throws Exception {
        Path log = dir.resolve("server.log");
        ChildProcess polite = ChildProcess.start("polite", new ProcessBuilder("sleep", "600")
                .redirectErrorStream(true).redirectOutput(log.toFile()), ChildProcess.Output.of(log, 5));
        assertThat(polite.stop(Duration.ofSeconds(10))).isTrue();

        // Each sleep is short, so the one running when the shell is killed ends by itself.
        ChildProcess stubborn = ChildProcess.start("stubborn", new ProcessBuilder("sh", "-c",
                "trap '' TERM; echo ready; while true; do sleep 0.05; done")
                .redirectErrorStream(true).redirectOutput(log.toFile()), ChildProcess.Output.of(log, 5));
        stubborn.awaitReady("trap SIGTERM", Duration.ofSeconds(30), Duration.ofMillis(10),
                () -> stubborn.tail().contains("ready"));
        assertThat(stubborn.stop(Duration.ofMillis(300))).isFalse();
        assertThat(stubborn.isAlive()).isFalse();
    }

    @Test
    void killTakesWhatTheProcessStartedWithIt() throws Exception {
        Path log = dir.resolve("wrapper.log");
        ChildProcess wrapper = ChildProcess.start("wrapper", new ProcessBuilder("sh", "-c", "sleep 600 & wait")
                .redirectErrorStream(true).redirectOutput(log.toFile()), ChildProcess.Output.of(log, 5));
        ProcessHandle self = ProcessHandle.of(wrapper.pid()).orElseThrow();
        wrapper.awaitReady("start its child", Duration.ofSeconds(30), Duration.ofMillis(10),
                () -> self.children().findAny().isPresent());
        ProcessHandle child = self.children().findFirst().orElseThrow();

        wrapper.kill();

        assertThat(wrapper.isAlive()).isFalse();
        child.onExit().get(30, TimeUnit.SECONDS);
        assertThat(child.isAlive()).isFalse();
    }

    @Test
    void aServerThatExitsWhileStartingFailsWithItsExitCodeAndLastLines() throws Exception {
        Path log = dir.resolve("server.log");
        ChildProcess process = ChildProcess.start("server", new ProcessBuilder("sh", "-c",
                        "echo line-1; echo line-2; echo bad flag; exit 4")
                        .redirectErrorStream(true).redirectOutput(log.toFile()),
                new ChildProcess.Output(List.of(log), 2, " | "));

        assertThatThrownBy(() -> process.awaitReady("answer", Duration.ofSeconds(30), Duration.ofMillis(10), () -> false))
                .isInstanceOf(IOException.class)
                .hasMessage("server exited with 4: line-2 | bad flag");
    }

    @Test
    void aServerThatNeverGetsReadyIsKilledAtTheDeadline() throws Exception {
        Path log = dir.resolve("server.log");
        ChildProcess process = ChildProcess.start("server", new ProcessBuilder("sh", "-c", "echo waiting; exec sleep 600")
                        .redirectErrorStream(true).redirectOutput(log.toFile()),
                ChildProcess.Output.of(log, 5));
        IllegalStateException probeFailure = new IllegalStateException("connection refused");

        assertThatThrownBy(() -> process.awaitReady("answer", Duration.ofMillis(300), Duration.ofMillis(10), () -> {
            throw probeFailure;
        }))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("server did not answer within PT0.3S:\n")
                .hasCause(probeFailure);
        process.stop(Duration.ofSeconds(10));
        assertThat(process.isAlive()).isFalse();
    }

    @Test
    void aServerIsReadyOnceTheConditionHolds() throws Exception {
        Path log = dir.resolve("server.log");
        ChildProcess process = ChildProcess.start("server", new ProcessBuilder("sleep", "600")
                .redirectErrorStream(true).redirectOutput(log.toFile()), ChildProcess.Output.of(log, 5));
        int[] checks = {0};
        try {
            process.awaitReady("answer", Duration.ofSeconds(30), Duration.ofMillis(10), () -> ++checks[0] == 3);
            assertThat(checks[0]).isEqualTo(3);
            assertThat(process.isAlive()).isTrue();
            assertThat(process.tail()).isEqualTo("(no output)");
        } finally {
            process.stop(Duration.ofSeconds(10));
        }
        assertThat(process.isAlive()).isFalse();
    }
}
