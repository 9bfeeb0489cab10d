package quantum.safety.kernel.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import redis.clients.jedis.HostAndPort;

/**
 * Where Redis is, parsed from an address such as {@code redis://127.0.0.1:6379}, without any secret.
 *
 * <ul>
 *   <li>{@code redis://[user@]host[:port][/db]} — a standalone server (port 6379 by default);</li>
 *   <li>{@code rediss://…} — the same over TLS;</li>
 *   <li>{@code redis+sentinel://[user@]host:26379[,host:26379…]/master[/db]} — discover the master through
 *       Sentinel ({@code rediss+sentinel://} for TLS to both);</li>
 *   <li>{@code redis+cluster://host:port[,host:port…]} — Redis Cluster seed nodes ({@code rediss+cluster://}).</li>
 * </ul>
 * A password inside the address is refused: addresses end up in argv, logs and error messages, so the password
 * comes from the environment or a file instead (see {@link RedisCredentials}).
 */
public record RedisEndpoint(Topology topology, List<HostAndPort> nodes, Optional<String> user, int database,
                            boolean tls, Optional<String> sentinelMaster) {

    public enum Topology { STANDALONE, SENTINEL, CLUSTER }

    public RedisEndpoint {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a Redis address needs at least one host");
        }
    }

    public static RedisEndpoint standalone(String host, int port) {
        return new RedisEndpoint(Topology.STANDALONE, List.of(new HostAndPort(host, port)), Optional.empty(), 0,
                false, Optional.empty());
    }

    /** The first (for standalone: the only) node. */
    public HostAndPort primaryNode() {
        return nodes.get(0);
    }

    /**
     * Parses an address; the message of the {@link IllegalArgumentException} names the problem and the fix and
     * never repeats a password.
     */
    public static RedisEndpoint parse(String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("Redis address is empty; expected e.g. redis://127.0.0.1:6379");
        }
        String trimmed = address.trim();
        int schemeEnd = trimmed.indexOf("://");
        if (schemeEnd < 0) {
            throw new IllegalArgumentException("Redis address '" + redactUserInfo(trimmed)
                    + "' has no scheme; expected redis://host:port, rediss://, redis+sentinel:// or redis+cluster://");
        }
        String scheme = trimmed.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String rest = trimmed.substring(schemeEnd + 3);
        boolean tls;
        Topology topology;
        switch (scheme) {
            case "redis" -> { tls = false; topology = Topology.STANDALONE; }
            case "rediss" -> { tls = true; topology = Topology.STANDALONE; }
            case "redis+sentinel" -> { tls = false; topology = Topology.SENTINEL; }
            case "rediss+sentinel" -> { tls = true; topology = Topology.SENTINEL; }
            case "redis+cluster" -> { tls = false; topology = Topology.CLUSTER; }
            case "rediss+cluster" -> { tls = true; topology = Topology.CLUSTER; }
            default -> throw new IllegalArgumentException("Redis address scheme '" + scheme
                    + "' is not supported; use redis, rediss, redis+sentinel, rediss+sentinel, redis+cluster or rediss+cluster");
        }

        Optional<String> user = Optional.empty();
        int at = rest.lastIndexOf('@', rest.indexOf('/') < 0 ? rest.length() : rest.indexOf('/'));
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            if (userInfo.contains(":")) {
                throw new IllegalArgumentException("Redis address must not carry a password; set "
                        + RedisSetting.PASSWORD.legacyEnv() + " (or " + RedisSetting.PASSWORD.env() + ") or use "
                        + RedisSetting.PASSWORD_FILE.flag());
            }
            if (!userInfo.isEmpty()) {
                user = Optional.of(userInfo);
            }
            rest = rest.substring(at + 1);
        }
        int slash = rest.indexOf('/');
        String hostList = slash < 0 ? rest : rest.substring(0, slash);
        List<String> pathParts = slash < 0 ? List.of() : List.of(rest.substring(slash + 1).split("/"));
        pathParts = pathParts.stream().filter(p -> !p.isEmpty()).toList();

        int defaultPort = topology == Topology.SENTINEL ? 26379 : 6379;
        List<HostAndPort> nodes = new ArrayList<>();
        for (String hostPort : hostList.split(",")) {
            nodes.add(parseHostPort(hostPort.trim(), defaultPort, address));
        }
        if (topology == Topology.STANDALONE && nodes.size() > 1) {
            throw new IllegalArgumentException("Redis address '" + address + "' lists several hosts; use "
                    + "redis+sentinel:// for Sentinel or redis+cluster:// for Cluster");
        }

        Optional<String> master = Optional.empty();
        int database = 0;
        if (topology == Topology.SENTINEL) {
            if (pathParts.isEmpty()) {
                throw new IllegalArgumentException("Sentinel address '" + address
                        + "' names no master; expected redis+sentinel://host:26379/mymaster");
            }
            master = Optional.of(pathParts.get(0));
            if (pathParts.size() > 1) {
                database = parseDatabase(pathParts.get(1), address);
            }
        } else if (topology == Topology.STANDALONE && !pathParts.isEmpty()) {
            database = parseDatabase(pathParts.get(0), address);
        } else if (topology == Topology.CLUSTER && !pathParts.isEmpty()) {
            throw new IllegalArgumentException("Cluster address '" + address + "' cannot select a database");
        }
        return new RedisEndpoint(topology, nodes, user, database, tls, master);
    }

    private static HostAndPort parseHostPort(String hostPort, int defaultPort, String address) {
        if (hostPort.isEmpty()) {
            throw new IllegalArgumentException("Redis address '" + address + "' has an empty host");
        }
        try {
            URI uri = new URI("redis://" + hostPort);
            String host = uri.getHost();
            if (host == null) {
                throw new IllegalArgumentException("Redis address '" + address + "' has an invalid host '" + hostPort + "'");
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
            return new HostAndPort(host, port);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Redis address '" + address + "' has an invalid host '" + hostPort
                    + "'; write IPv6 hosts in brackets, e.g. redis://[::1]:6379");
        }
    }

    private static int parseDatabase(String text, String address) {
        try {
            int db = Integer.parseInt(text);
            if (db < 0) {
                throw new NumberFormatException();
            }
            return db;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Redis address '" + address + "' has database '" + text
                    + "'; expected a number such as /0");
        }
    }

    private static String redactUserInfo(String text) {
        return text.replaceAll("[^/@]*@", "***@");
    }

    /** The address in the form it was given, minus nothing secret (there is none), for logs and the landing page. */
    @Override
    public String toString() {
        String scheme = switch (topology) {
            case STANDALONE -> tls ? "rediss" : "redis";
            case SENTINEL -> tls ? "rediss+sentinel" : "redis+sentinel";
            case CLUSTER -> tls ? "rediss+cluster" : "redis+cluster";
        };
        StringBuilder sb = new StringBuilder(scheme).append("://");
        user.ifPresent(u -> sb.append(u).append('@'));
        for (int i = 0; i < nodes.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            HostAndPort n = nodes.get(i);
            sb.append(n.getHost().contains(":") ? "[" + n.getHost() + "]" : n.getHost()).append(':').append(n.getPort());
        }
        sentinelMaster.ifPresent(m -> sb.append('/').append(m));
        if (database != 0) {
            sb.append('/').append(database);
        }
        return sb.toString();
    }
}
