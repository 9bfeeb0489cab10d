package quantum.safety.ops.prometheus;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import quantum.safety.ops.OpsInputException;

/**
 * The operator's {@code --remote-write.*} input turned into a {@link RemoteWrite}, or refused with one line naming the
 * flag and the fix (exit 2). A URL carrying credentials (user information, or a query parameter named like one, e.g.
 * {@code ?token=}) and a header that looks like a secret are refused: they would end up in argv, in the plan and in
 * prometheus.yml, where secrets do not belong. Error messages never repeat a header's value or the URL's credentials
 * and query.
 */
public final class RemoteWriteInput {

    public static final String URL = "--remote-write.url";
    public static final String USERNAME = "--remote-write.username";
    public static final String PASSWORD_FILE = "--remote-write.password-file";
    public static final String BEARER_TOKEN_FILE = "--remote-write.bearer-token-file";
    public static final String TLS_CA_FILE = "--remote-write.tls-ca-file";
    public static final String TLS_CERT_FILE = "--remote-write.tls-cert-file";
    public static final String TLS_KEY_FILE = "--remote-write.tls-key-file";
    public static final String HEADER = "--remote-write.header";
    public static final String ALL_SERIES = "--remote-write.all-series";
    /** The {@code --remote-write.url} that takes our entry out, where no flag keeps the one recorded. */
    public static final String NONE = "none";

    /** Headers Prometheus sets itself and refuses in {@code headers} (config/config.go, reservedHeaders). */
    private static final Set<String> RESERVED = Set.of("authorization", "host", "content-encoding", "content-length",
            "content-type", "user-agent", "connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
            "www-authenticate", "accept-encoding", "x-prometheus-remote-write-version",
            "x-prometheus-remote-read-version", "x-prometheus-scrape-timeout-seconds");
    /** Words in a header or query parameter name that say its value is a credential. */
    private static final List<String> SECRET_WORDS = List.of("auth", "token", "key", "secret", "password", "passwd",
            "cookie", "session", "signature", "credential");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");

    private String url;
    private String username;
    private String passwordFile;
    private String bearerTokenFile;
    private String tlsCaFile;
    private String tlsCertFile;
    private String tlsKeyFile;
    private List<String> headers = List.of();
    /** Null: not given. */
    private Boolean allSeries;

    public RemoteWriteInput url(String v) { url = v; return this; }
    public RemoteWriteInput username(String v) { username = v; return this; }
    public RemoteWriteInput passwordFile(String v) { passwordFile = v; return this; }
    public RemoteWriteInput bearerTokenFile(String v) { bearerTokenFile = v; return this; }
    public RemoteWriteInput tlsCaFile(String v) { tlsCaFile = v; return this; }
    public RemoteWriteInput tlsCertFile(String v) { tlsCertFile = v; return this; }
    public RemoteWriteInput tlsKeyFile(String v) { tlsKeyFile = v; return this; }
    /** {@code NAME=VALUE} each, as given. */
    public RemoteWriteInput headers(List<String> v) { headers = v == null ? List.of() : List.copyOf(v); return this; }
    /** Null: not given. */
    public RemoteWriteInput allSeries(Boolean v) { allSeries = v; return this; }

    /** The entry the flags name, or empty when they name none ({@link #choice()} tells which way). */
    public Optional<RemoteWrite> build() {
        return choice().entry();
    }

    /**
     * What the flags ask for: an entry; none, with {@code --remote-write.url=none}; or nothing at all, when no
     * {@code --remote-write.*} flag was given (then install keeps the entry the install in place recorded). Any other
     * flag without a URL is refused, since it would silently do nothing, and so is one beside {@code none}.
     */
    public RemoteWriteChoice choice() {
        String orphan = firstGiven();
        if (url == null) {
            if (orphan != null) {
                throw new OpsInputException(orphan + " needs " + URL + "; giving any --remote-write.* flag replaces the "
                        + "remote write an earlier install recorded, so give them all, e.g. " + URL
                        + "=https://mimir.example.com/api/v1/push, or leave " + orphan + " (and its env twin) out");
            }
            return RemoteWriteChoice.NOT_GIVEN;
        }
        if (url.isBlank()) {
            throw new OpsInputException(URL + " is empty; give the receiver's write endpoint, e.g. " + URL
                    + "=https://mimir.example.com/api/v1/push, or " + URL + "=" + NONE + " to take our entry out");
        }
        if (url.strip().equalsIgnoreCase(NONE)) {
            if (orphan != null) {
                throw new OpsInputException(URL + "=" + NONE + " takes our remote_write entry out, so " + orphan
                        + " would do nothing; leave " + orphan + " (and its env twin) out");
            }
            return RemoteWriteChoice.TAKEN_OUT;
        }
        return RemoteWriteChoice.given(entry());
    }

    private RemoteWrite entry() {
        String checkedUrl = checkUrl(url.strip());
        if (!blank(username) != !blank(passwordFile)) {
            throw new OpsInputException(USERNAME + " and " + PASSWORD_FILE + " go together (basic auth); pass both, "
                    + "e.g. " + USERNAME + "=trading " + PASSWORD_FILE + "=/etc/prometheus/secrets/remote-write-password");
        }
        if (!blank(bearerTokenFile) && !blank(passwordFile)) {
            throw new OpsInputException(BEARER_TOKEN_FILE + " and " + PASSWORD_FILE + " both authenticate; pass one: "
                    + "basic auth (" + USERNAME + " with " + PASSWORD_FILE + ") or a bearer token");
        }
        if (blank(tlsCertFile) != blank(tlsKeyFile)) {
            throw new OpsInputException(TLS_CERT_FILE + " and " + TLS_KEY_FILE + " go together (a client certificate "
                    + "and its key); pass both or neither");
        }
        boolean tls = !blank(tlsCaFile) || !blank(tlsCertFile);
        if (tls && checkedUrl.startsWith("http:")) {
            throw new OpsInputException(URL + " is http://, so the --remote-write.tls-* files would not be used; use "
                    + "the receiver's https:// URL, or leave the TLS flags out");
        }
        if (username != null && (username.isBlank() || username.chars().anyMatch(Character::isISOControl))) {
            throw new OpsInputException(USERNAME + " is blank or holds control characters; give the receiver's user");
        }
        return new RemoteWrite(checkedUrl, Optional.ofNullable(blank(username) ? null : username.strip()),
                path(PASSWORD_FILE, passwordFile), path(BEARER_TOKEN_FILE, bearerTokenFile),
                path(TLS_CA_FILE, tlsCaFile), path(TLS_CERT_FILE, tlsCertFile), path(TLS_KEY_FILE, tlsKeyFile),
                headers(), Boolean.TRUE.equals(allSeries));
    }

    private String firstGiven() {
        if (!blank(username)) {
            return USERNAME;
        }
        if (!blank(passwordFile)) {
            return PASSWORD_FILE;
        }
        if (!blank(bearerTokenFile)) {
            return BEARER_TOKEN_FILE;
        }
        if (!blank(tlsCaFile) || !blank(tlsCertFile) || !blank(tlsKeyFile)) {
            return !blank(tlsCaFile) ? TLS_CA_FILE : !blank(tlsCertFile) ? TLS_CERT_FILE : TLS_KEY_FILE;
        }
        if (!headers.isEmpty()) {
            return HEADER;
        }
        return allSeries != null ? ALL_SERIES : null;
    }

    /** An absolute http(s) URL with a host and no credentials; the message shows only scheme, host, port and path. */
    static String checkUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new OpsInputException(URL + " is not a URL (" + e.getReason() + "); give the receiver's write "
                    + "endpoint, e.g. " + URL + "=https://mimir.example.com/api/v1/push");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new OpsInputException(URL + " must be an http:// or https:// URL with a host, e.g. " + URL
                    + "=https://mimir.example.com/api/v1/push or http://127.0.0.1:19291/api/v1/receive, or " + NONE
                    + " to take our entry out");
        }
        if (uri.getRawUserInfo() != null) {
            throw new OpsInputException(URL + " carries credentials (user:password@), which would be written into "
                    + "prometheus.yml and shown in argv; remove them and pass " + USERNAME + " with " + PASSWORD_FILE);
        }
        String parameter = credentialParameter(uri.getRawQuery());
        if (parameter != null) {
            throw new OpsInputException(URL + " " + scheme + "://" + uri.getRawAuthority() + uri.getRawPath()
                    + ": its query parameter '" + parameter + "' looks like a credential, which would be written into "
                    + "prometheus.yml and the plan and shown in argv; remove it and pass credentials from a file with "
                    + BEARER_TOKEN_FILE + " or " + USERNAME + " with " + PASSWORD_FILE);
        }
        if (uri.getRawFragment() != null) {
            throw new OpsInputException(URL + " " + scheme + "://" + uri.getRawAuthority() + uri.getRawPath()
                    + " has a #fragment, which HTTP never sends; remove it");
        }
        if (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/")) {
            throw new OpsInputException(URL + " " + scheme + "://" + uri.getRawAuthority() + " has no path; give the "
                    + "receiver's write path, e.g. /api/v1/push (Mimir), /api/v1/receive (Thanos Receive), "
                    + "/api/v1/write (VictoriaMetrics, Prometheus)");
        }
        return text;
    }

    /** The first query parameter whose name says its value is a credential (the header rule), else null. */
    private static String credentialParameter(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("[&;]")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            try {
                name = URLDecoder.decode(name, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // Undecodable: judged as written.
            }
            if (looksLikeCredential(name)) {
                return name.matches("[A-Za-z0-9_.-]+") ? name : "?";
            }
        }
        return null;
    }

    private static boolean looksLikeCredential(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(lower::contains);
    }

    private Map<String, String> headers() {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String header : headers) {
            int eq = header.indexOf('=');
            String name = eq < 0 ? header.strip() : header.substring(0, eq).strip();
            String value = eq < 0 ? "" : header.substring(eq + 1).strip();
            if (eq < 0 || !HEADER_NAME.matcher(name).matches() || value.isEmpty()
                    || value.chars().anyMatch(Character::isISOControl)) {
                throw new OpsInputException(HEADER + " '" + (HEADER_NAME.matcher(name).matches() ? name : "?")
                        + "=…' is not NAME=VALUE with a header name and a value on one line; e.g. " + HEADER
                        + "=X-Scope-OrgID=trading");
            }
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new OpsInputException(HEADER + " " + name + ": Prometheus sets this header itself and refuses it "
                        + "in remote_write; authenticate with " + PASSWORD_FILE + " or " + BEARER_TOKEN_FILE);
            }
            if (looksLikeCredential(name)) {
                throw new OpsInputException(HEADER + " " + name + " looks like a credential, which would be written into "
                        + "prometheus.yml and shown in argv; pass credentials from a file with " + PASSWORD_FILE
                        + " or " + BEARER_TOKEN_FILE);
            }
            if (parsed.keySet().stream().anyMatch(n -> n.equalsIgnoreCase(name))) {
                throw new OpsInputException(HEADER + " " + name + " is given twice; give each header once");
            }
            parsed.put(name, value);
        }
        return parsed;
    }

    private static Optional<Path> path(String flag, String value) {
        if (blank(value)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(value.strip()).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            throw new OpsInputException(flag + " is not a usable path (" + e.getReason() + "); give the file's path");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
