package quantum.safety.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresTargetTest {

    @TempDir
    Path dir;

    @Test
    void theUrlWinsOverThePgVariablesWhichFillInWhatItLeavesOut() {
        PostgresTarget target = PostgresTarget.resolve("postgresql://archive@db1/audit?sslmode=verify-ca", true, null,
                Map.of("PGHOST", "other", "PGPORT", "6432", "PGUSER", "someone", "PGDATABASE", "x",
                        "PGSSLMODE", "disable", "PGAPPNAME", "arch-1", "PGCONNECT_TIMEOUT", "3"));
        assertThat(target.host()).isEqualTo("db1");
        assertThat(target.port()).isEqualTo(6432);
        assertThat(target.user()).isEqualTo("archive");
        assertThat(target.database()).isEqualTo("audit");
        assertThat(target.parameter("sslmode")).contains("verify-ca");
        assertThat(target.properties()).containsEntry("ApplicationName", "arch-1").containsEntry("connectTimeout", "3");
        assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://db1:6432/audit");
    }

    @Test
    void withoutAUrlThePgVariablesAndLibpqDefaultsApply() {
        PostgresTarget target = PostgresTarget.resolve(null, false, null, Map.of("PGUSER", "archive"));
        assertThat(target.describe()).isEqualTo("postgresql://archive@localhost:5432/archive?sslmode=prefer");
        assertThat(target.hasPassword()).isFalse();
    }

    @Test
    void keyValueWordsAreAcceptedWithQuotes() {
        PostgresTarget target = PostgresTarget.resolve("host=db2 port=5433 dbname='my db' user=a sslmode=require",
                true, null, Map.of());
        assertThat(target.describe()).isEqualTo("postgresql://a@db2:5433/my db?sslmode=require");
    }

    @Test
    void aPasswordInAUrlOnTheCommandLineIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> PostgresTarget.resolve("postgresql://archive:s3cret@db1/audit", true, null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--archive.url holds a password").hasMessageContaining("--archive.password-file")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> PostgresTarget.resolve("host=db1 password=s3cret", true, null, Map.of()))
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aPasswordInTheEnvUrlIsAccepted() {
        PostgresTarget target = PostgresTarget.resolve("postgresql://archive:s%40cret@db1/audit", false, null, Map.of());
        assertThat(target.properties()).containsEntry("password", "s@cret");
        assertThat(target.describe()).doesNotContain("s@cret");
        assertThat(target.toString()).doesNotContain("s@cret");
    }

    @Test
    void thePasswordFileWinsOverPgpasswordWhichWinsOverThePassfile() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "from-file\n");
        Path passfile = Files.writeString(dir.resolve("pgpass"), "db1:5432:audit:archive:from-passfile\n");
        Map<String, String> env = Map.of("PGPASSWORD", "from-env", "PGPASSFILE", passfile.toString());
        String url = "postgresql://archive@db1/audit";
        assertThat(PostgresTarget.resolve(url, true, file, env).properties()).containsEntry("password", "from-file");
        assertThat(PostgresTarget.resolve(url, true, null, env).properties()).containsEntry("password", "from-env");
        assertThat(PostgresTarget.resolve(url, true, null, Map.of("PGPASSFILE", passfile.toString())).properties())
                .containsEntry("password", "from-passfile");
        assertThat(PostgresTarget.resolve("postgresql://archive@db2/audit", true, null,
                Map.of("PGPASSFILE", passfile.toString())).hasPassword()).isFalse();
    }

    @Test
    void aPassfileMatchesWildcardsAndEscapes() throws Exception {
        Path passfile = Files.writeString(dir.resolve("pgpass"), "# comment\nother:*:*:*:no\n*:*:audit:archive:a\\:b\n");
        assertThat(PostgresTarget.resolve("postgresql://archive@db9/audit", true, null,
                Map.of("PGPASSFILE", passfile.toString())).properties()).containsEntry("password", "a:b");
    }

    @Test
    void aMissingPasswordFileIsBadInputNamingTheFlag() {
        assertThatThrownBy(() -> PostgresTarget.resolve(null, false, dir.resolve("nope"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--archive.password-file")
                .hasMessageContaining("nope");
    }

    @Test
    void badUrlsAreRefusedWithALineNamingTheInputAndTheFix() {
        assertThatThrownBy(() -> PostgresTarget.resolve("mysql://db1/x", true, null, Map.of()))
                .hasMessageStartingWith("--archive.url is not a PostgreSQL URL");
        assertThatThrownBy(() -> PostgresTarget.resolve("postgresql://db1:99999/x", true, null, Map.of()))
                .hasMessageContaining("not a port number");
        assertThatThrownBy(() -> PostgresTarget.resolve("postgresql://db1/x?sslmod=require", false, null, Map.of()))
                .hasMessageStartingWith("env QUANTUM_SAFETY_ARCHIVE_URL has the parameter 'sslmod'");
        assertThatThrownBy(() -> PostgresTarget.resolve("postgresql://db1/x?sslmode=maybe", true, null, Map.of()))
                .hasMessageContaining("sslmode maybe is not one of");
        assertThatThrownBy(() -> PostgresTarget.resolve("just words", true, null, Map.of()))
                .hasMessageContaining("neither a postgresql:// URL nor key=value");
        assertThatThrownBy(() -> PostgresTarget.resolve("postgresql://a,b/x", true, null, Map.of()))
                .hasMessageContaining("several hosts");
    }

    @Test
    void aBadValueFromAPgVariableNamesTheVariableNotTheUrl() {
        assertThatThrownBy(() -> PostgresTarget.resolve("postgresql://db1/x", true, null,
                Map.of("PGSSLMODE", "bogus")))
                .hasMessageStartingWith("env PGSSLMODE: sslmode bogus is not one of")
                .hasMessageNotContaining("--archive.url");
        assertThatThrownBy(() -> PostgresTarget.resolve(null, false, null, Map.of("PGHOST", "db1", "PGPORT", "99999")))
                .hasMessageStartingWith("env PGPORT: '99999' is not a port number");
        assertThatThrownBy(() -> PostgresTarget.resolve("postgresql://db1/x", true, null,
                Map.of("PGCONNECT_TIMEOUT", "soon")))
                .hasMessageStartingWith("env PGCONNECT_TIMEOUT: connect_timeout 'soon'");
        assertThatThrownBy(() -> PostgresTarget.resolve("postgresql://db1/x", true, null,
                Map.of("PGSSLROOTCERT", dir.resolve("missing.pem").toString())))
                .hasMessageStartingWith("env PGSSLROOTCERT: sslrootcert");
        assertThatThrownBy(() -> PostgresTarget.resolve("postgresql://db1/x?sslmode=maybe", true, null,
                Map.of("PGSSLMODE", "require")))
                .as("the URL's own value is the URL's fault").hasMessageStartingWith("--archive.url: sslmode maybe");
    }
}
