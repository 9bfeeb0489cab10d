package quantum.safety.archive;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * One line that says why the archive's database could not be used, from the SQL state of the failure: a login refused
 * (naming where the password came from, never the password), no password given, the database or the archive's schema
 * missing, the server unreachable. For {@code ctl faults}, {@code /audit} and the archive's own log.
 */
public final class PostgresTrouble {

    private PostgresTrouble() {
    }

    /** Why {@code target} failed with {@code e}, and what to do; one line, without secrets. */
    public static String explain(PostgresTarget target, SQLException e) {
        String state = String.valueOf(e.getSQLState());
        String where = target.describe();
        String message = oneLine(e.getMessage());
        if (state.equals("28P01") || state.equals("28000")) {
            return where + ": authentication failed for user " + target.user() + " (password from "
                    + target.passwordSource() + "); check that password and the server's pg_hba.conf";
        }
        if (state.equals("08004") && message.contains("no password")) {
            return where + ": the server asks user " + target.user() + " for a password and none was given ("
                    + target.passwordSource() + "); give one with "
                    + ArchiveSetting.PASSWORD_FILE.setting().flag().orElseThrow() + " FILE, PGPASSWORD or ~/.pgpass";
        }
        if (state.equals("3D000")) {
            return where + ": database " + target.database() + " does not exist on " + target.host() + ":"
                    + target.port() + "; create it or name the right one in the URL";
        }
        if (state.equals("42P01") || state.equals("3F000")) {
            return where + ": the archive's table " + ArchiveSchema.EVENTS + " is missing in database "
                    + target.database() + ": start the archive (quantum-safety archive) once, it creates its schema";
        }
        if (state.startsWith("08") || cause(e, ConnectException.class) || cause(e, UnknownHostException.class)) {
            return where + ": unreachable (" + message + "); check that PostgreSQL runs there and the address";
        }
        return where + ": " + message;
    }

    private static boolean cause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String oneLine(String text) {
        String line = String.valueOf(text).replaceAll("\\s+", " ").trim();
        return line.length() > 300 ? line.substring(0, 299) + "…" : line;
    }
}
