package quantum.safety.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import at.favre.lib.crypto.bcrypt.BCrypt;

class BcryptAuthenticatorTest {

    private static final String HASH = BCrypt.withDefaults().hashToString(4, "s3cret".toCharArray());

    @Test
    void aVerifiedPasswordIsRememberedSoBcryptIsNotPaidOnEveryScrape() {
        AtomicInteger bcryptCalls = new AtomicInteger();
        BcryptAuthenticator auth = new BcryptAuthenticator(Map.of("prometheus", HASH), (password, hash) -> {
            bcryptCalls.incrementAndGet();
            return BCrypt.verifyer().verify(password, hash.toCharArray()).verified;
        });
        for (int i = 0; i < 10; i++) {
            assertThat(auth.checkCredentials("prometheus", "s3cret")).isTrue();
        }
        assertThat(bcryptCalls.get()).isEqualTo(1);
    }

    @Test
    void aWrongPasswordOrAnUnknownUserAlwaysPaysBcryptAndFails() {
        AtomicInteger bcryptCalls = new AtomicInteger();
        BcryptAuthenticator auth = new BcryptAuthenticator(Map.of("prometheus", HASH), (password, hash) -> {
            bcryptCalls.incrementAndGet();
            return BCrypt.verifyer().verify(password, hash.toCharArray()).verified;
        });
        assertThat(auth.checkCredentials("prometheus", "s3cret")).isTrue();
        assertThat(auth.checkCredentials("prometheus", "wrong")).isFalse();
        assertThat(auth.checkCredentials("prometheus", "wrong")).isFalse();
        assertThat(auth.checkCredentials("intruder", "s3cret")).isFalse();
        assertThat(bcryptCalls.get()).isEqualTo(4);
    }

    @Test
    void hashesOfEveryBcryptVersionVerify() {
        for (BCrypt.Version version : new BCrypt.Version[] {BCrypt.Version.VERSION_2A, BCrypt.Version.VERSION_2B,
                BCrypt.Version.VERSION_2Y}) {
            String hash = BCrypt.with(version).hashToString(4, "pw".toCharArray());
            assertThat(BcryptAuthenticator.isBcryptHash(hash)).isTrue();
            assertThat(new BcryptAuthenticator(Map.of("u", hash)).checkCredentials("u", "pw")).as(hash).isTrue();
        }
        assertThat(BcryptAuthenticator.isBcryptHash("plaintext")).isFalse();
    }

    @Test
    void aPasswordLongerThanBcryptAcceptsIsRefusedNotAnError() {
        assertThat(new BcryptAuthenticator(Map.of("u", HASH)).checkCredentials("u", "x".repeat(200))).isFalse();
    }
}
