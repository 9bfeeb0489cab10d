package quantum.safety.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * One {@code --web.listen-address}: {@code :9105} (every interface, IPv4 and IPv6), {@code 9105} (the same, as the
 * legacy exporter's port variable gives it), {@code 127.0.0.1:9105}, {@code [::1]:9105} or {@code host:9105}.
 *
 * @param host empty for the wildcard address, which the JDK binds dual-stack ({@code ::}), so that {@code localhost}
 *             reaches the exporter whether it resolves to 127.0.0.1 or ::1
 */
public record ListenAddress(Optional<String> host, int port) {

    public ListenAddress {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 0-65535");
        }
    }

    public static ListenAddress parse(String text) {
        String value = text == null ? "" : text.trim();
        try {
            if (value.matches("\\d+")) {
                return new ListenAddress(Optional.empty(), Integer.parseInt(value));
            }
            int colon = value.lastIndexOf(':');
            if (colon < 0) {
                throw new NumberFormatException();
            }
            String host = value.substring(0, colon);
            int port = Integer.parseInt(value.substring(colon + 1));
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            } else if (host.contains(":")) {
                throw new NumberFormatException();
            }
            return new ListenAddress(host.isEmpty() ? Optional.empty() : Optional.of(host), port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(invalid(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(invalid(text) + " (" + e.getMessage() + ")");
        }
    }

    private static String invalid(String text) {
        return "listen address '" + text + "' is not [host]:port; use e.g. :9105, 127.0.0.1:9105 or [::1]:9105";
    }

    /** The socket address to bind; resolves a host name now, so that a bad name fails at startup. */
    public InetSocketAddress socketAddress() {
        if (host.isEmpty()) {
            return new InetSocketAddress(port);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host.get()), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("listen address '" + this + "': unknown host '" + host.get()
                    + "'; use an IP address or a resolvable name");
        }
    }

    /** The bind failure of this address, in words for an operator: one line, with the way out. */
    public IllegalArgumentException cannotListen(Exception cause) {
        return new IllegalArgumentException("cannot listen on " + this + " (" + cause.getMessage()
                + "); stop what uses it or choose another --web.listen-address");
    }

    /** A bound address as logs show it: {@code :9105 (every interface)}, {@code 127.0.0.1:9105}, {@code [::1]:9105}. */
    public static String describe(InetSocketAddress bound) {
        if (bound.getAddress().isAnyLocalAddress()) {
            return ":" + bound.getPort() + " (every interface, IPv4 and IPv6)";
        }
        String host = bound.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort();
    }

    @Override
    public String toString() {
        return host.map(h -> (h.contains(":") ? "[" + h + "]" : h)).orElse("") + ":" + port;
    }
}
