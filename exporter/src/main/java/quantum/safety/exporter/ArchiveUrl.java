package quantum.safety.exporter;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The audit archive's external base URL ({@link ExporterSetting#ARCHIVE_URL}) as the status page links to it: an
 * absolute http or https URL, without user information (the page is shown to everyone who can read it) and without
 * query or fragment (the page appends {@code /audit?since=24h}).
 */
final class ArchiveUrl {

    private ArchiveUrl() {
    }

    /** Empty for null or blank; anything else that is not such a URL is an {@link IllegalArgumentException}. */
    static Optional<URI> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String flag = ExporterSetting.ARCHIVE_URL.flag() + " (or env " + ExporterSetting.ARCHIVE_URL.env() + ")";
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(flag + " is not a URL (" + e.getReason() + "); use e.g. "
                    + "https://archive.example.com:9107");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException(flag + " must be an absolute http or https URL with a host; use e.g. "
                    + "https://archive.example.com:9107");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(flag + " must not carry a user or password: the status page shows the "
                    + "link to everyone; give https://host:port and let the browser ask");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(flag + " must be a base URL without ?query or #fragment; the page adds "
                    + "/audit?since=24h; use e.g. https://archive.example.com:9107");
        }
        return Optional.of(uri);
    }
}
