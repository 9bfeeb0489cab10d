package quantum.safety.cli.archive;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import quantum.safety.archive.ArchiveConfig;
import quantum.safety.archive.ArchiveServer;
import quantum.safety.archive.ArchiveSetting;
import quantum.safety.archive.PostgresTarget;
import quantum.safety.cli.BuildInfo;
import quantum.safety.cli.DurationConverter;
import quantum.safety.cli.LoggingOptions;
import quantum.safety.cli.RedisOptions;
import quantum.safety.cli.UsageException;
import quantum.safety.cli.settings.SettingsFrom;

/**
 * {@code quantum-safety archive}: parses flags (declared in {@link ArchiveSetting}) into an {@link ArchiveConfig} and
 * runs an {@link ArchiveServer} until SIGTERM or SIGINT, which let the batch in hand be committed and acknowledged
 * before the process exits 0.
 */
@SettingsFrom(ArchiveSetting.class)
@Command(name = "archive",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
                "Keeps every entry of the kernel's fault and audit streams in PostgreSQL, which Redis trims (about "
                        + "1,000 faults and 10,000 audit events) while regulation asks for years.",
                "Reads both streams through the consumer group quantum-safety-archive (a first start archives what "
                        + "they still hold), writes each batch in one transaction and acknowledges it only after the "
                        + "commit: a crash loses nothing and stores nothing twice. PostgreSQL or Redis down: nothing "
                        + "is acknowledged, it retries and never exits. Entries trimmed before they were archived are "
                        + "counted as gaps (exactly on Redis 7).",
                "The schema (quantum_safety.events) is created and upgraded on start. Every flag has an env twin; "
                        + "PostgreSQL's own PG* variables fill in what --archive.url leaves out."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  QUANTUM_SAFETY_ARCHIVE_URL=postgresql://archive@db1:5432/audit?sslmode=verify-full\\&sslrootcert=/etc/quantum/pg-ca.crt \\",
                "      quantum-safety archive --archive.password-file=/etc/quantum/archive-password",
                "  PGHOST=db1 PGDATABASE=audit PGUSER=archive quantum-safety archive --redis.addr=redis://10.0.0.5:6379",
                "  quantum-safety archive --archive.url='host=db1 dbname=audit user=archive sslmode=verify-full' \\",
                "      --web.listen-address=:9107 --web.config.file=/etc/quantum/web.yml",
                "",
                "Endpoints:",
                "  /audit      the archived events, newest first (?since=24h, ?stream=fault, ?format=json)",
                "  /metrics    quantum_safety_archive_* and the process's own",
                "  /-/healthy  200 while the process runs",
                "  /-/ready    503 until Redis and PostgreSQL answer and the schema is migrated",
                "All of them behind --web.config.file (TLS, basic auth) when it is given."})
public final class ArchiveCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--archive.url", paramLabel = "URL")
    String url;

    @Option(names = "--archive.password-file", paramLabel = "FILE")
    Path passwordFile;

    @Option(names = "--archive.batch-size", paramLabel = "N")
    int batchSize;

    @Option(names = "--archive.block", paramLabel = "DURATION", converter = DurationConverter.class)
    Duration block;

    @Option(names = "--web.listen-address", paramLabel = "[HOST]:PORT", split = ",")
    List<String> listenAddresses;

    @Option(names = "--web.config.file", paramLabel = "FILE")
    Path webConfigFile;

    @Mixin
    RedisOptions redis;

    @Mixin
    LoggingOptions logging;

    @Override
    public Integer call() throws Exception {
        logging.apply();
        ArchiveConfig config = config();
        ArchiveServer server;
        try {
            server = ArchiveServer.start(config);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        // A signal handler rather than a shutdown hook: the batch in hand is finished and the exit code is 0.
        CountDownLatch stop = new CountDownLatch(1);
        sun.misc.SignalHandler handler = signal -> stop.countDown();
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), handler);
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), handler);
        stop.await();
        LOG.info("stopping the archive after the batch in hand");
        server.close();
        return 0;
    }

    ArchiveConfig config() {
        List<String> addresses = listenAddresses.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (addresses.isEmpty()) {
            throw new UsageException("--web.listen-address is empty; use e.g. " + ArchiveConfig.DEFAULT_LISTEN_ADDRESS);
        }
        boolean urlFromArgv = spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption("--archive.url");
        try {
            PostgresTarget target = PostgresTarget.resolve(url, urlFromArgv, passwordFile, System.getenv());
            Duration socketTimeout = redis.timeout().plus(block);
            return new ArchiveConfig(redis.connector("quantum-safety-archive").socketTimeout(socketTimeout),
                    redis.schema(), target, batchSize, block, addresses, Optional.ofNullable(webConfigFile),
                    BuildInfo.load().version());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }
}
