package quantum.safety.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import at.favre.lib.crypto.bcrypt.BCrypt;

class BcryptUsersTest {

    private static final String HASH = BCrypt.withDefaults().hashToString(4, "s3cret".toCharArray());

    @Test
    void aVerifiedPasswordIsRememberedSoBcryptIsNotPaidOnEveryScrape() {
        AtomicInteger bcryptCalls = new AtomicInteger();
        BcryptUsers auth = new BcryptUsers(Map.of("prometheus", HASH), (password, hash) -> {
            bcryptCalls.incrementAndGet();
            return BCrypt.verifyer().verify(password, hash.toCharArray()).verified;
        });
        for (int i = 0; i < 10; i++) {
            assertThat(auth.check("prometheus", "s3cret")).isTrue();
        }
        assertThat(bcryptCalls.get()).isEqualTo(1);
    }

    @Test
    void aWrongPasswordOrAnUnknownUserAlwaysPaysBcryptAndFails() {
        AtomicInteger bcryptCalls = new AtomicInteger();
        BcryptUsers auth = new BcryptUsers(Map.of("prometheus", HASH), (password, hash) -> {
            bcryptCalls.incrementAndGet();
            return BCrypt.verifyer().verify(password, hash.toCharArray()).verified;
        });
        assertThat(auth.check("prometheus", "s3cret")).isTrue();
        assertThat(auth.check("prometheus", "wrong")).isFalse();
        assertThat(auth.check("prometheus", "wrong")).isFalse();
        assertThat(auth.check("intruder", "s3cret")).isFalse();
        assertThat(bcryptCalls.get()).isEqualTo(4);
    }

    @Test
    void hashesOfEveryBcryptVersionVerify() {
        for (BCrypt.Version version : new BCrypt.Version[] {BCrypt.Version.VERSION_2A, BCrypt.Version.VERSION_2B,
                BCrypt.Version.VERSION_2Y}) {
            String hash = BCrypt.with(version).hashToString(4, "pw".toCharArray());
            assertThat(BcryptUsers.isBcryptHash(hash)).isTrue();
            assertThat(new BcryptUsers(Map.of("u", hash)).check("u", "pw")).as(hash).isTrue();
        }
        assertThat(BcryptUsers.isBcryptHash("plaintext")).isFalse();
    }

    @Test
    void aPasswordLongerThanBcryptAcceptsIsRefusedNotAnError() {
        assertThat(new BcryptUsers(Map.of("u", HASH)).check("u", "x".repeat(200))).isFalse();
    }
}
