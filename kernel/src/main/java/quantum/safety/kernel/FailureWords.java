package quantum.safety.kernel;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * A failure in the words an operator reads, for messages that already name the file or address: "no such file",
 * "permission denied", "connection refused", never a Java class name. (Logs keep the class with
 * {@code RateLimitedLog.describe}, for whoever debugs.)
 */
public final class FailureWords {

    private FailureWords() {
    }

    public static String of(Throwable failure) {
        if (failure instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (failure instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (failure instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (failure instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        if (failure instanceof UnknownHostException) {
            return "unknown host" + (failure.getMessage() == null ? "" : " " + failure.getMessage());
        }
        if (failure instanceof ConnectException) {
            return "connection refused";
        }
        if (failure instanceof SocketTimeoutException) {
            return "timed out";
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage().strip().lines().findFirst().orElse("");
            }
        }
        return failure instanceof IOException ? "an input/output error" : "an unexpected failure";
    }
}
