package quantum.safety.cli.ctl;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Who is at the keyboard when no {@code --actor} is given: the login name as {@code id -un} gives it. The JVM's
 * {@code user.name} comes from the password database, so it holds even where {@code USER} is unset or empty (cron,
 * {@code sudo -i}, containers); {@code USER} and then {@code LOGNAME} are the fallbacks for a user the database does
 * not know, for which the JVM says {@code ?}.
 */
final class LoginName {

    private LoginName() {
    }

    static Optional<String> current() {
        return of(System.getProperty("user.name"), System.getenv());
    }

    static Optional<String> of(String userNameProperty, Map<String, String> env) {
        return Stream.of(userNameProperty, env.get("USER"), env.get("LOGNAME"))
                .filter(name -> name != null && !name.isBlank() && !name.strip().equals("?"))
                .map(String::strip)
                .findFirst();
    }
}
