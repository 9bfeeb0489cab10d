package quantum.safety.ops.verify;

import java.net.URI;

import quantum.safety.ops.OpsInputException;

/** {@code host:port} as Prometheus writes targets: {@code 127.0.0.1:9105}, {@code localhost:9105}, {@code [::1]:9105}. */
public record HostPort(String host, int port) {

    public static HostPort parse(String flag, String value) {
        try {
            URI uri = URI.create("http://" + value.strip());
            if (uri.getHost() == null || uri.getPort() < 1 || uri.getPath() != null && !uri.getPath().isEmpty()) {
                throw new IllegalArgumentException();
            }
            return new HostPort(unbracket(uri.getHost()), uri.getPort());
        } catch (IllegalArgumentException e) {
            throw new OpsInputException(flag + " '" + value + "' is not HOST:PORT; use e.g. 127.0.0.1:9105 or [::1]:9105");
        }
    }

    /** The host and port of an http(s) URL such as a target's scrapeUrl. */
    public static HostPort ofUrl(String url) {
        URI uri = URI.create(url);
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        return new HostPort(unbracket(uri.getHost()), port);
    }

    /** For URLs and target lists: IPv6 literals in brackets. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
