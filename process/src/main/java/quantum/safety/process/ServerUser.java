package quantum.safety.process;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The unprivileged user that PostgreSQL's programs run as when this JVM runs as root: {@code initdb} and
 * {@code postgres} refuse to run as root. It is {@code postgres} where that user exists, else {@code nobody}. When the
 * JVM is not root, the programs run as the current user and nothing changes hands.
 */
record ServerUser(String name, int uid, int gid) {

    /** The user to switch to, or empty when the JVM is not root. */
    static Optional<ServerUser> forThisJvm() throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.empty();
        }
        for (String candidate : List.of("postgres", "nobody")) {
            Optional<ServerUser> user = lookUp(candidate);
            if (user.isPresent()) {
                return user;
            }
        }
        throw new IOException("running as root, and neither a 'postgres' nor a 'nobody' user exists to run "
                + "PostgreSQL as (it refuses root); create one (adduser --system postgres)");
    }

    /** {@code command} prefixed so that it runs as this user ({@code setpriv} execs: the pid stays the server's). */
    List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid,
                "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Hands {@code dir} and everything in it to this user. */
    void own(Path dir) throws IOException {
        run(List.of("chown", "-R", uid + ":" + gid, dir.toString()));
    }

    private static Optional<ServerUser> lookUp(String name) throws IOException {
        ChildProcess.Completed uid = run(List.of("id", "-u", name), false);
        if (!uid.succeeded()) {
            return Optional.empty();
        }
        ChildProcess.Completed gid = run(List.of("id", "-g", name), true);
        return Optional.of(new ServerUser(name, Integer.parseInt(uid.output().trim()),
                Integer.parseInt(gid.output().trim())));
    }

    private static void run(List<String> command) throws IOException {
        run(command, true);
    }

    private static ChildProcess.Completed run(List<String> command, boolean mustSucceed) throws IOException {
        try {
            ChildProcess.Completed done = ChildProcess.run(command, Duration.ofSeconds(30));
            if (mustSucceed && !done.succeeded()) {
                throw new IOException(done.describe());
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }
}
