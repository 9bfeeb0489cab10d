package quantum.safety.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import quantum.safety.archive.ArchiveConfig;
import quantum.safety.archive.ArchiveServer;
import quantum.safety.archive.ArchiveStream;
import quantum.safety.archive.PostgresTarget;
import quantum.safety.archive.PostgresTrouble;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.redis.RedisConnector;

/**
 * The audit archive running inside the demo: the real archiver copying the demo's fault and audit streams into
 * PostgreSQL, and its HTTP listener (on a free loopback port) serving {@code /audit}. PostgreSQL is a private cluster
 * started for the run, or an existing database given by {@code --archive.url}.
 */
final class DemoArchive implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoArchive.class);

    /** Small batches, short blocks: a newcomer sees events arrive within a second. */
    private static final int BATCH = 200;
    private static final Duration BLOCK = Duration.ofMillis(250);

    private final Optional<DemoPostgres> postgres;
    private final Optional<Path> passwordFile;
    private final PostgresTarget target;
    private final ArchiveServer server;

    private DemoArchive(Optional<DemoPostgres> postgres, Optional<Path> passwordFile, PostgresTarget target,
                        ArchiveServer server) {
        this.postgres = postgres;
        this.passwordFile = passwordFile;
        this.target = target;
        this.server = server;
    }

    /**
     * Starts PostgreSQL (unless an existing one is given) and the archive.
     *
     * @throws IOException when the private PostgreSQL cannot be started; the demo goes on without the archive
     * @throws Unusable when the database of {@code --archive.url} refuses a first connection (the login, the
     *                  database, the address): said once at the start rather than retried through the whole run
     * @throws DemoInputException when {@code --archive.url} cannot be used as given
     */
    static DemoArchive start(DemoArchiveChoice choice, DemoRedis redis, RedisSchema schema) throws IOException {
        if (choice.existingUrl().isPresent()) {
            PostgresTarget target;
            try {
                target = PostgresTarget.resolve(choice.existingUrl().get(), choice.urlFromArgv(),
                        choice.passwordFile().orElse(null), System.getenv());
            } catch (IllegalArgumentException e) {
                throw new DemoInputException(e.getMessage());
            }
            try (Connection tried = target.connect()) {
                LOG.debug("demo: {} answers", target.describe());
            } catch (SQLException e) {
                throw new Unusable(PostgresTrouble.explain(target, e), e);
            }
            return new DemoArchive(Optional.empty(), choice.passwordFile(), target, serve(target, redis, schema));
        }
        DemoPostgres local = DemoPostgres.start(choice.source());
        Path passwordFile = null;
        try {
            passwordFile = Files.createTempFile("quantum-demo-archive-", ".pw",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(passwordFile, local.password() + "\n");
            // Not the operator's PG* variables: the private cluster is fully described by its URL and password file.
            PostgresTarget target = PostgresTarget.resolve(local.url() + "?sslmode=disable", false, passwordFile,
                    Map.of());
            return new DemoArchive(Optional.of(local), Optional.of(passwordFile), target,
                    serve(target, redis, schema));
        } catch (IOException | RuntimeException e) {
            local.close();
            if (passwordFile != null) {
                Files.deleteIfExists(passwordFile);
            }
            throw e;
        }
    }

    /** The existing database cannot be used; the message says why in one line, without secrets. */
    static final class Unusable extends IOException {
        Unusable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static ArchiveServer serve(PostgresTarget target, DemoRedis redis, RedisSchema schema) throws IOException {
        ArchiveConfig config = new ArchiveConfig(RedisConnector.to(redis.endpoint(), redis.credentials()), schema,
                target, BATCH, BLOCK, List.of("127.0.0.1:0"), Optional.empty(), "demo");
        return ArchiveServer.start(config);
    }

    /** Events committed to PostgreSQL by this run, both streams. */
    long archived() {
        return server.metrics().events(ArchiveStream.FAULT) + server.metrics().events(ArchiveStream.AUDIT);
    }

    /** {@code http://127.0.0.1:PORT}: the archive's HTTP listener, which the status page links to. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.addresses().get(0).getPort();
    }

    /** {@code http://127.0.0.1:PORT/audit?since=24h}. */
    String auditUrl() {
        return baseUrl() + "/audit?since=24h";
    }

    /** The flags that let {@code ctl faults} read this archive: its URL, and the password file of a private one. */
    String ctlFlags() {
        return "--archive.url=" + (postgres.isPresent() ? postgres.get().url() : target.describe())
                + passwordFile.map(f -> " --archive.password-file=" + f).orElse("");
    }

    /** One line: where the events go and what happens to the database at the end. */
    String describe() {
        return target.describe() + " (" + postgres.map(DemoPostgres::describe)
                .orElse("an existing database, given by --archive.url; left running, archived events stay") + ")";
    }

    boolean isLocal() {
        return postgres.isPresent();
    }

    @Override
    public void close() {
        server.close();
        postgres.ifPresent(DemoPostgres::close);
        // Only the private cluster's file is the demo's own; an operator's password file stays.
        passwordFile.filter(f -> postgres.isPresent()).ifPresent(f -> {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                // a temporary file in the temp folder; nothing else holds the password
            }
        });
    }
}
