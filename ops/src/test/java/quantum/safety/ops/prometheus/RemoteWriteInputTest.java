package quantum.safety.ops.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quantum.safety.ops.OpsInputException;

/**
 * Bad {@code --remote-write.*} input is refused with one line naming the flag and the fix, before anything changes,
 * and no message repeats a secret: the URL's credentials, a header's value, a file's contents.
 */
class RemoteWriteInputTest {

    @TempDir
    Path dir;

    private static RemoteWriteInput url(String url) {
        return new RemoteWriteInput().url(url);
    }

    @Test
    void noFlagMeansNotGivenButAnotherRemoteWriteFlagAloneIsRefused() {
        assertThat(new RemoteWriteInput().choice()).isEqualTo(RemoteWriteChoice.NOT_GIVEN);
        assertThat(new RemoteWriteInput().build()).isEmpty();
        assertThatThrownBy(() -> new RemoteWriteInput().headers(List.of("X-Scope-OrgID=t")).build())
                .isInstanceOf(OpsInputException.class)
                .hasMessageStartingWith("--remote-write.header needs --remote-write.url; giving any --remote-write.* "
                        + "flag replaces the remote write an earlier install recorded, so give them all");
        assertThatThrownBy(() -> new RemoteWriteInput().allSeries(true).build())
                .hasMessageStartingWith("--remote-write.all-series needs --remote-write.url");
        assertThatThrownBy(() -> new RemoteWriteInput().allSeries(false).build())
                .as("given, even false: it would silently do nothing").isInstanceOf(OpsInputException.class)
                .hasMessageStartingWith("--remote-write.all-series needs --remote-write.url");
    }

    @Test
    void noneTakesTheEntryOutAndTakesNoOtherFlag() {
        assertThat(url("none").choice()).isEqualTo(RemoteWriteChoice.TAKEN_OUT);
        assertThat(url(" NONE ").choice()).isEqualTo(RemoteWriteChoice.TAKEN_OUT);
        assertThat(url("none").build()).isEmpty();
        assertThatThrownBy(() -> url("none").headers(List.of("X-Scope-OrgID=t")).choice())
                .isInstanceOf(OpsInputException.class).hasMessage("--remote-write.url=none takes our remote_write entry "
                        + "out, so --remote-write.header would do nothing; leave --remote-write.header (and its env twin) out");
        assertThatThrownBy(() -> url("").choice()).isInstanceOf(OpsInputException.class)
                .hasMessageStartingWith("--remote-write.url is empty; give the receiver's write endpoint")
                .hasMessageEndingWith("or --remote-write.url=none to take our entry out");
        assertThatThrownBy(() -> url("off").choice()).as("only none, no other word").isInstanceOf(OpsInputException.class)
                .hasMessageStartingWith("--remote-write.url must be an http:// or https:// URL with a host");
        assertThat(url("https://m.example.com/api/v1/push").choice().origin()).isEqualTo(RemoteWriteChoice.Origin.GIVEN);
    }

    @Test
    void aUrlMustBeHttpWithAHostAndAPathAndWithoutCredentials() {
        assertThatThrownBy(() -> url("mimir.example.com/api/v1/push").build()).isInstanceOf(OpsInputException.class)
                .hasMessageStartingWith("--remote-write.url must be an http:// or https:// URL with a host");
        assertThatThrownBy(() -> url("ftp://store/api").build())
                .hasMessageStartingWith("--remote-write.url must be an http:// or https:// URL with a host");
        assertThatThrownBy(() -> url("https://mimir.example.com").build())
                .hasMessageStartingWith("--remote-write.url https://mimir.example.com has no path");
        assertThatThrownBy(() -> url("http://a b/").build()).hasMessageStartingWith("--remote-write.url is not a URL");
        assertThatThrownBy(() -> url("https://trading:hunter2@mimir.example.com/api/v1/push").build())
                .hasMessageStartingWith("--remote-write.url carries credentials")
                .hasMessageNotContaining("hunter2").hasMessageNotContaining("trading:");
        assertThat(url(" https://mimir.example.com/api/v1/push ").build()).get()
                .extracting(RemoteWrite::url).isEqualTo("https://mimir.example.com/api/v1/push");
    }

    @Test
    void aQueryParameterNamedLikeACredentialIsRefusedWithoutItsValue() {
        for (String query : List.of("token=s3cret", "tenant=t&api_key=s3cret", "X-Amz-Signature=s3cret",
                "Password=s3cret", "access%5Ftoken=s3cret", "auth")) {
            assertThatThrownBy(() -> url("https://mimir.example.com/api/v1/push?" + query).build()).as(query)
                    .isInstanceOf(OpsInputException.class)
                    .hasMessageStartingWith("--remote-write.url https://mimir.example.com/api/v1/push: its query "
                            + "parameter '")
                    .hasMessageContainingAll("looks like a credential", "--remote-write.bearer-token-file")
                    .hasMessageNotContaining("s3cret");
        }
        assertThatThrownBy(() -> url("https://mimir.example.com/api/v1/push?token=s3cret").build())
                .hasMessageContaining("parameter 'token' looks like a credential");
        assertThat(url("https://vm.example.com/api/v1/write?extra_label=env=prod&tenant=trading").build()).get()
                .extracting(RemoteWrite::url)
                .isEqualTo("https://vm.example.com/api/v1/write?extra_label=env=prod&tenant=trading");
    }

    @Test
    void authenticationIsBasicAuthOrABearerTokenEachComplete() {
        assertThatThrownBy(() -> url("https://m.example.com/api/v1/push").username("trading").build())
                .hasMessageStartingWith("--remote-write.username and --remote-write.password-file go together");
        assertThatThrownBy(() -> url("https://m.example.com/api/v1/push").passwordFile("/pw").build())
                .hasMessageStartingWith("--remote-write.username and --remote-write.password-file go together");
        assertThatThrownBy(() -> url("https://m.example.com/api/v1/push").username("u").passwordFile("/pw")
                .bearerTokenFile("/token").build())
                .hasMessageStartingWith("--remote-write.bearer-token-file and --remote-write.password-file both");
        assertThatThrownBy(() -> url("https://m.example.com/api/v1/push").tlsCertFile("/c.pem").build())
                .hasMessageStartingWith("--remote-write.tls-cert-file and --remote-write.tls-key-file go together");
        assertThatThrownBy(() -> url("http://m.example.com/api/v1/push").tlsCaFile("/ca.pem").build())
                .hasMessageStartingWith("--remote-write.url is http://, so the --remote-write.tls-* files");
    }

    @Test
    void headersAreNameValuePairsAndNeverCredentialsOrOnesPrometheusSetsItself() {
        RemoteWrite ok = url("https://m.example.com/api/v1/push")
                .headers(List.of("X-Scope-OrgID=trading", "X-Team = risk")).build().orElseThrow();
        assertThat(ok.headers()).containsExactly(java.util.Map.entry("X-Scope-OrgID", "trading"),
                java.util.Map.entry("X-Team", "risk"));

        assertThatThrownBy(() -> url("https://m.example.com/api/v1/push").headers(List.of("X-Scope-OrgID")).build())
                .hasMessageStartingWith("--remote-write.header 'X-Scope-OrgID=…' is not NAME=VALUE");
        assertThatThrownBy(() -> url("https://m.example.com/api/v1/push")
                .headers(List.of("Authorization=Bearer s3cr3t")).build())
                .hasMessageStartingWith("--remote-write.header Authorization: Prometheus sets this header itself")
                .hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> url("https://m.example.com/api/v1/push").headers(List.of("X-Api-Key=s3cr3t")).build())
                .hasMessageStartingWith("--remote-write.header X-Api-Key looks like a credential")
                .hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> url("https://m.example.com/api/v1/push")
                .headers(List.of("X-Scope-OrgID=a", "x-scope-orgid=b")).build())
                .hasMessageStartingWith("--remote-write.header x-scope-orgid is given twice");
    }

    @Test
    void filePathsBecomeAbsoluteSoPrometheusReadsTheFileThatWasChecked() {
        RemoteWrite remoteWrite = url("https://m.example.com/api/v1/push").username("u").passwordFile("secrets/pw")
                .build().orElseThrow();

        assertThat(remoteWrite.passwordFile()).get().isEqualTo(Path.of("secrets/pw").toAbsolutePath().normalize());
    }

    @Test
    void filesMustExistBeReadableAndASecretNotEmptyAndTheirContentsAreNeverShown() throws IOException {
        Path password = Files.writeString(dir.resolve("pw"), "hunter2\n");
        Path empty = Files.writeString(dir.resolve("empty"), " \n");
        RemoteWriteInput base = url("https://m.example.com/api/v1/push").username("u");

        RemoteWriteFiles.check(base.passwordFile(password.toString()).build().orElseThrow());

        assertThatThrownBy(() -> RemoteWriteFiles.check(base.passwordFile(dir.resolve("missing").toString()).build()
                .orElseThrow())).isInstanceOf(OpsInputException.class)
                .hasMessage("--remote-write.password-file " + dir.resolve("missing") + ": no such file; create it "
                        + "(readable by the user Prometheus runs as, e.g. chown prometheus and chmod 0400) or fix the path");
        assertThatThrownBy(() -> RemoteWriteFiles.check(base.passwordFile(empty.toString()).build().orElseThrow()))
                .hasMessageStartingWith("--remote-write.password-file " + empty + ": the file is empty");
        assertThatThrownBy(() -> RemoteWriteFiles.check(base.passwordFile(dir.toString()).build().orElseThrow()))
                .hasMessageStartingWith("--remote-write.password-file " + dir + ": not a regular file");
        assertThatThrownBy(() -> RemoteWriteFiles.check(url("https://m.example.com/api/v1/push")
                .tlsCaFile(dir.resolve("ca.pem").toString()).build().orElseThrow()))
                .hasMessageStartingWith("--remote-write.tls-ca-file " + dir.resolve("ca.pem") + ": no such file");
    }

    @Test
    void aFileThisUserCannotReadIsRefused() throws IOException {
        Path token = Files.writeString(dir.resolve("token"), "t0ken");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("---------"));
        // root reads any file whatever its mode: the refusal can only be seen as another user.
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(token), "running as root");

        assertThatThrownBy(() -> RemoteWriteFiles.check(url("https://m.example.com/api/v1/push")
                .bearerTokenFile(token.toString()).build().orElseThrow()))
                .hasMessageStartingWith("--remote-write.bearer-token-file " + token + ": cannot be read");
    }
}
