package quantum.safety.web;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import quantum.safety.kernel.FailureWords;

/**
 * Reads a {@code --web.config.file} in the Prometheus exporter-toolkit format. Like the toolkit it is strict: an
 * unknown key is an error, relative paths are relative to the file, and every error is one line that names the file,
 * the key and the fix.
 */
public final class WebConfigParser {

    private static final Set<String> TOP_KEYS = Set.of("tls_server_config", "http_server_config", "basic_auth_users");
    private static final Set<String> TLS_KEYS = Set.of("cert_file", "key_file", "client_auth_type", "client_ca_file",
            "min_version", "max_version", "cipher_suites", "prefer_server_cipher_suites");
    /** Toolkit keys this exporter does not implement: refused by name rather than silently ignored. */
    private static final Set<String> TLS_UNSUPPORTED = Set.of("cert", "key", "client_ca", "client_allowed_sans",
            "curve_preferences");
    /** The headers the exporter-toolkit allows in {@code http_server_config.headers}. */
    private static final Set<String> HEADERS = Set.of("Strict-Transport-Security", "X-Content-Type-Options",
            "X-Frame-Options", "X-XSS-Protection", "Content-Security-Policy");
    private static final Map<String, String> VERSIONS = Map.of("TLS10", "TLSv1", "TLS11", "TLSv1.1",
            "TLS12", "TLSv1.2", "TLS13", "TLSv1.3");
    private static final List<String> VERSION_ORDER = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    private final Path file;

    private WebConfigParser(Path file) {
        this.file = file;
    }

    public static WebConfig parse(Path file) {
        return new WebConfigParser(file).parse();
    }

    private WebConfig parse() {
        Object root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException e) {
            throw fail("cannot read it (" + FailureWords.of(e) + ")", "check the path and its permissions");
        } catch (MarkedYAMLException e) {
            // Only the position and the problem: the snippet YAML quotes could hold a secret.
            String where = e.getProblemMark() == null ? "" : " at line " + (e.getProblemMark().getLine() + 1)
                    + ", column " + (e.getProblemMark().getColumn() + 1);
            throw fail("not valid YAML" + where + " (" + oneLine(e.getProblem()) + ")", "fix the YAML syntax");
        } catch (YAMLException e) {
            throw fail("not valid YAML", "fix the YAML syntax");
        }
        if (root == null) {
            return WebConfig.none();
        }
        Map<String, Object> top = map(root, "the top level");
        checkKeys(top, TOP_KEYS, Set.of(), "");
        Optional<WebConfig.Tls> tls = top.containsKey("tls_server_config")
                ? Optional.of(tls(map(top.get("tls_server_config"), "tls_server_config"))) : Optional.empty();
        Map<String, String> users = users(top.get("basic_auth_users"));
        Map<String, String> headers = headers(top.get("http_server_config"));
        return new WebConfig(tls, users, headers);
    }

    private WebConfig.Tls tls(Map<String, Object> tls) {
        checkKeys(tls, TLS_KEYS, TLS_UNSUPPORTED, "tls_server_config.");
        Path cert = path(tls, "cert_file").orElseThrow(() -> fail("tls_server_config.cert_file is missing",
                "set it to the server certificate (PEM)"));
        Path key = path(tls, "key_file").orElseThrow(() -> fail("tls_server_config.key_file is missing",
                "set it to the server's private key (PEM)"));
        String min = version(tls, "min_version", "TLSv1.2");
        String max = version(tls, "max_version", "TLSv1.3");
        if (VERSION_ORDER.indexOf(min) > VERSION_ORDER.indexOf(max)) {
            throw fail("tls_server_config.min_version is above max_version", "lower min_version or raise max_version");
        }
        WebConfig.ClientAuth clientAuth = clientAuth(string(tls, "client_auth_type").orElse("NoClientCert"));
        Optional<Path> clientCa = path(tls, "client_ca_file");
        if (clientAuth == WebConfig.ClientAuth.NO_CLIENT_CERT && clientCa.isPresent()) {
            throw fail("client_ca_file is set but client_auth_type is NoClientCert",
                    "set client_auth_type to RequireAndVerifyClientCert or VerifyClientCertIfGiven");
        }
        if (clientAuth != WebConfig.ClientAuth.NO_CLIENT_CERT && clientCa.isEmpty()) {
            throw fail("client_auth_type " + clientAuth.configName() + " needs tls_server_config.client_ca_file",
                    "set it to the CA certificates (PEM) that sign client certificates");
        }
        List<String> ciphers = strings(tls.get("cipher_suites"), "tls_server_config.cipher_suites");
        Object prefer = tls.getOrDefault("prefer_server_cipher_suites", Boolean.TRUE);
        if (!(prefer instanceof Boolean)) {
            throw fail("tls_server_config.prefer_server_cipher_suites is not true or false", "write true or false");
        }
        return new WebConfig.Tls(cert, key, min, max, clientAuth, clientCa, ciphers, (Boolean) prefer);
    }

    private WebConfig.ClientAuth clientAuth(String value) {
        for (WebConfig.ClientAuth candidate : WebConfig.ClientAuth.values()) {
            if (candidate.configName().equals(value)) {
                return candidate;
            }
        }
        if (value.equals("RequestClientCert") || value.equals("RequireAnyClientCert")) {
            throw fail("client_auth_type " + value + " (a client certificate that is not verified) is not supported",
                    "use VerifyClientCertIfGiven or RequireAndVerifyClientCert with a client_ca_file");
        }
        throw fail("client_auth_type '" + value + "' is unknown",
                "use NoClientCert, VerifyClientCertIfGiven or RequireAndVerifyClientCert");
    }

    private String version(Map<String, Object> tls, String key, String fallback) {
        Optional<String> value = string(tls, key);
        if (value.isEmpty()) {
            return fallback;
        }
        String mapped = VERSIONS.get(value.get().toUpperCase(Locale.ROOT));
        if (mapped == null) {
            throw fail("tls_server_config." + key + " '" + value.get() + "' is unknown", "use TLS10, TLS11, TLS12 or TLS13");
        }
        return mapped;
    }

    private Map<String, String> users(Object node) {
        Map<String, String> users = new LinkedHashMap<>();
        if (node == null) {
            return users;
        }
        map(node, "basic_auth_users").forEach((user, hash) -> {
            if (!(hash instanceof String text) || !BcryptUsers.isBcryptHash(text)) {
                throw fail("basic_auth_users." + user + " is not a bcrypt hash",
                        "generate one with: htpasswd -nBC 10 \"\" | tr -d ':\\n'");
            }
            if (user.contains(":")) {
                throw fail("basic_auth_users: user name '" + user + "' contains ':'", "choose a name without ':'");
            }
            users.put(user, text);
        });
        return users;
    }

    private Map<String, String> headers(Object node) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (node == null) {
            return headers;
        }
        Map<String, Object> http = map(node, "http_server_config");
        checkKeys(http, Set.of("http2", "headers"), Set.of(), "http_server_config.");
        if (http.get("headers") != null) {
            map(http.get("headers"), "http_server_config.headers").forEach((name, value) -> {
                if (HEADERS.stream().noneMatch(h -> h.equalsIgnoreCase(name))) {
                    throw fail("http_server_config.headers." + name + " is not allowed",
                            "use only " + String.join(", ", HEADERS.stream().sorted().toList()));
                }
                headers.put(name, String.valueOf(value));
            });
        }
        return headers;
    }

    private void checkKeys(Map<String, Object> map, Set<String> known, Set<String> unsupported, String prefix) {
        for (String key : map.keySet()) {
            if (unsupported.contains(key)) {
                throw fail(prefix + key + " is not supported by this exporter", "remove it (use the *_file keys instead)");
            }
            if (!known.contains(key)) {
                throw fail("unknown key " + prefix + key, "allowed here: " + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private Optional<Path> path(Map<String, Object> map, String key) {
        return string(map, key).filter(s -> !s.isBlank()).map(s -> {
            Path path = Path.of(s);
            Path dir = file.toAbsolutePath().getParent();
            return path.isAbsolute() || dir == null ? path : dir.resolve(path);
        });
    }

    private Optional<String> string(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map || value instanceof List) {
            throw fail(key + " must be a single value", "write it as key: value");
        }
        return Optional.of(String.valueOf(value));
    }

    private List<String> strings(Object node, String what) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof List<?> list)) {
            throw fail(what + " must be a list", "write it as a YAML list");
        }
        List<String> result = new ArrayList<>();
        list.forEach(item -> result.add(String.valueOf(item)));
        return result;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Object node, String what) {
        if (!(node instanceof Map<?, ?> map)) {
            throw fail(what + " must be a mapping of keys to values", "see the exporter-toolkit web-config format");
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw fail(what + " has a non-text key '" + key + "'", "quote the key");
            }
        }
        return (Map<String, Object>) map;
    }

    private IllegalArgumentException fail(String problem, String fix) {
        return new IllegalArgumentException("web config " + file + ": " + problem + "; " + fix);
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s+", " ").trim();
    }
}
