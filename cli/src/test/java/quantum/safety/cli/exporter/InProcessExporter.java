package quantum.safety.cli.exporter;

import java.io.IOException;
import java.util.Map;

import picocli.CommandLine;
import quantum.safety.cli.settings.CommandSettings;
import quantum.safety.exporter.ExporterServer;
import quantum.safety.process.LocalRedis;
import quantum.safety.testkit.ops.OperatorMachine;

/**
 * The exporter configured by its command from flags alone (none of the test JVM's environment), run in process for
 * the tests of other commands that need one to scrape.
 */
public final class InProcessExporter implements OperatorMachine.Exporter {

    private final ExporterServer server;

    private InProcessExporter(ExporterServer server) {
        this.server = server;
    }

    /** On 127.0.0.1 only, on a free port, reading {@code redis}; named as a deployment should be, or verify fails. */
    public static InProcessExporter onLoopbackV4(LocalRedis redis) throws IOException {
        CommandLine cli = CommandSettings.install(new CommandLine(new ExporterCommand()), Map.of());
        cli.parseArgs("--web.listen-address=127.0.0.1:0", "--redis.addr=" + redis.uri(), "--deployment=test");
        ExporterCommand command = cli.getCommand();
        return new InProcessExporter(ExporterServer.start(command.config()));
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
