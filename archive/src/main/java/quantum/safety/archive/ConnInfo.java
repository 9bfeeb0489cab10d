package quantum.safety.archive;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A libpq connection string read into its parameters: the URI form
 * ({@code postgresql://user:password@host:port/dbname?sslmode=verify-full}) or the key=value form
 * ({@code host=db1 dbname=audit sslmode='verify-full'}). Only the parameters the archive can honour are accepted; any
 * other is refused by name, so a typo never silently weakens TLS. Messages never quote a password.
 */
final class ConnInfo {

    static final Set<String> KNOWN = Set.of("host", "port", "dbname", "user", "password", "passfile", "sslmode",
            "sslrootcert", "sslcert", "sslkey", "application_name", "connect_timeout");

    private ConnInfo() {
    }

    /** The parameters of {@code text}; an {@link IllegalArgumentException} says what is wrong, without secrets. */
    static Map<String, String> parse(String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("postgresql://") || trimmed.startsWith("postgres://")) {
            return uri(trimmed);
        }
        if (trimmed.contains("://")) {
            throw new IllegalArgumentException("is not a PostgreSQL URL: it must start with postgresql:// "
                    + "(e.g. postgresql://archive@db1:5432/audit?sslmode=verify-full)");
        }
        return keywords(trimmed);
    }

    private static Map<String, String> uri(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        String rest = text.substring(text.indexOf("://") + 3);
        int query = rest.indexOf('?');
        String queryPart = query < 0 ? "" : rest.substring(query + 1);
        rest = query < 0 ? rest : rest.substring(0, query);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        if (slash >= 0 && slash + 1 < rest.length()) {
            params.put("dbname", decode(rest.substring(slash + 1)));
        }
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            putIfNotEmpty(params, "user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                params.put("password", decode(userInfo.substring(colon + 1)));
            }
            authority = authority.substring(at + 1);
        }
        hostAndPort(authority, params);
        for (String pair : queryPart.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("has a query parameter without a value ('" + cut(pair)
                        + "'); write name=value, e.g. ?sslmode=verify-full");
            }
            put(params, decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
        return params;
    }

    private static void hostAndPort(String authority, Map<String, String> params) {
        if (authority.isEmpty()) {
            return;
        }
        if (authority.contains(",")) {
            throw new IllegalArgumentException("names several hosts; give one (a failover address or proxy in front "
                    + "of a primary), e.g. postgresql://archive@db1:5432/audit");
        }
        String host = authority;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("has an IPv6 host without its closing ]");
            }
            host = authority.substring(0, close + 1);
            if (close + 1 < authority.length()) {
                if (authority.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("has something after the IPv6 host that is not :port");
                }
                params.put("port", authority.substring(close + 2));
            }
        } else if (authority.indexOf(':') >= 0) {
            host = authority.substring(0, authority.indexOf(':'));
            params.put("port", authority.substring(authority.indexOf(':') + 1));
        }
        putIfNotEmpty(params, "host", decode(host));
    }

    private static Map<String, String> keywords(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= text.length()) {
                break;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                throw new IllegalArgumentException("is neither a postgresql:// URL nor key=value words (e.g. "
                        + "'host=db1 dbname=audit sslmode=verify-full')");
            }
            String key = text.substring(i, eq).trim();
            i = eq + 1;
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < text.length() && text.charAt(i) == '\'') {
                i++;
                while (i < text.length() && text.charAt(i) != '\'') {
                    if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                        i++;
                    }
                    value.append(text.charAt(i++));
                }
                if (i >= text.length()) {
                    throw new IllegalArgumentException("has an unterminated quoted value for '" + cut(key) + "'");
                }
                i++;
            } else {
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                    if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                        i++;
                    }
                    value.append(text.charAt(i++));
                }
            }
            put(params, key, value.toString());
        }
        return params;
    }

    private static void put(Map<String, String> params, String key, String value) {
        if (!KNOWN.contains(key)) {
            throw new IllegalArgumentException("has the parameter '" + cut(key) + "', which the archive does not "
                    + "support; use " + String.join(", ", KNOWN.stream().sorted().toList()));
        }
        params.put(key, value);
    }

    private static void putIfNotEmpty(Map<String, String> params, String key, String value) {
        if (!value.isEmpty()) {
            params.put(key, value);
        }
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("has a bad %-escape; escape reserved characters as %XX");
        }
    }

    /** A name quoted in a message, cut short: it comes from the input, which might hold a secret by mistake. */
    private static String cut(String text) {
        return text.length() <= 32 ? text : text.substring(0, 32) + "…";
    }
}
