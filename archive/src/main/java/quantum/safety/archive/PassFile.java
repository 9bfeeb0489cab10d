package quantum.safety.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * libpq's password file ({@code ~/.pgpass}, or {@code PGPASSFILE}): lines {@code host:port:database:user:password},
 * {@code *} matching anything, {@code \:} and {@code \\} escaped, {@code #} starting a comment. The first line that
 * matches gives the password. A missing file gives none, as in libpq.
 */
final class PassFile {

    private PassFile() {
    }

    static Optional<String> lookUp(Path file, String host, int port, String database, String user) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("the password file " + file + " cannot be read (" + e.getMessage()
                    + "); fix its permissions or set PGPASSFILE");
        }
        List<String> wanted = List.of(host, String.valueOf(port), database, user);
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = split(line);
            if (fields.size() != 5) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i < 4 && matches; i++) {
                matches = fields.get(i).equals("*") || fields.get(i).equals(wanted.get(i));
            }
            if (matches) {
                return Optional.of(fields.get(4));
            }
        }
        return Optional.empty();
    }

    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
