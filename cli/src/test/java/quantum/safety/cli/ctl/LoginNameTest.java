package quantum.safety.cli.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The actor without --actor: {@code id -un}'s answer, whatever USER says. */
class LoginNameTest {

    @Test
    void thePasswordDatabasesNameWinsOverAnEmptyOrDifferentUser() {
        assertThat(LoginName.of("alice", Map.of("USER", ""))).contains("alice");
        assertThat(LoginName.of("alice", Map.of("USER", "root", "LOGNAME", "root"))).contains("alice");
    }

    @Test
    void aUserTheDatabaseDoesNotKnowFallsBackToUserThenLogname() {
        assertThat(LoginName.of("?", Map.of("USER", "bob"))).contains("bob");
        assertThat(LoginName.of("?", Map.of("USER", " ", "LOGNAME", "carol"))).contains("carol");
        assertThat(LoginName.of(null, Map.of("LOGNAME", " dave "))).contains("dave");
    }

    @Test
    void withNoNameAnywhereThereIsNoActor() {
        assertThat(LoginName.of("?", Map.of())).isEmpty();
        assertThat(LoginName.of("", Map.of("USER", ""))).isEmpty();
    }
}
