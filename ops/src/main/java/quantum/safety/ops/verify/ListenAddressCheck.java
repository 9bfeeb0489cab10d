package quantum.safety.ops.verify;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import quantum.safety.ops.prometheus.PrometheusApi.Target;

/**
 * The host Prometheus scrapes resolves only to addresses where our exporter answers. The legacy incident:
 * Prometheus scraped {@code localhost:9105}, {@code localhost} resolved to {@code ::1} first, the exporter listened
 * on {@code 127.0.0.1} only, and Prometheus showed 0 while the exporter showed 1. We resolve the target's host
 * the way the system does, connect to every address, and compare what answers with the exporter we know.
 */
public final class ListenAddressCheck implements Check {

    @Override
    public String title() {
        return "exporter listens where Prometheus scrapes";
    }

    private static final int CONNECT_TIMEOUT_MS = 1000;

    @Override
    public List<CheckResult> run(Observations o, VerifySettings s) {
        String name = "exporter listens where Prometheus scrapes";
        if (!o.targets().ok()) {
            return List.of(CheckResult.skipped(Section.EXPORTER_HYGIENE, name, "Prometheus unreachable: " + o.targets().error()));
        }
        Set<HostPort> scraped = new LinkedHashSet<>();
        o.targets().value().stream().filter(t -> t.job().equals(s.jobName())).map(Target::scrapeUrl)
                .forEach(url -> scraped.add(HostPort.ofUrl(url)));
        if (scraped.isEmpty()) {
            return List.of(CheckResult.skipped(Section.EXPORTER_HYGIENE, name, "no target of job " + s.jobName()));
        }
        List<CheckResult> results = new ArrayList<>();
        for (HostPort target : scraped) {
            results.add(check(target, o.exporter(), s));
        }
        return results;
    }

    static CheckResult check(HostPort target, ExporterSnapshot known, VerifySettings s) {
        String name = "exporter listens where Prometheus scrapes (" + target + ")";
        List<InetAddress> addresses;
        try {
            addresses = s.resolver().resolve(target.host());
        } catch (UnknownHostException e) {
            return CheckResult.failed(Section.EXPORTER_HYGIENE, name, "cannot resolve " + target.host() + ": " + e.getMessage(),
                    "use an IP literal target such as 127.0.0.1:" + target.port());
        }
        List<String> lines = new ArrayList<>();
        List<InetAddress> refused = new ArrayList<>();
        List<InetAddress> foreign = new ArrayList<>();
        List<InetAddress> answering = new ArrayList<>();
        lines.add(target.host() + " resolves to " + addresses.stream().map(ListenAddressCheck::literal).toList()
                + " (in this order)");
        for (InetAddress address : addresses) {
            HostPort at = new HostPort(literal(address), target.port());
            String problem = connect(address, target.port());
            if (problem != null) {
                refused.add(address);
                lines.add(at + ": " + problem);
                continue;
            }
            ExporterSnapshot there = ExporterSnapshot.fetch(s.http(), at);
            if (known.metrics().isPresent() && !there.identity().equals(known.identity())) {
                foreign.add(address);
                lines.add(at + ": answers, but not as the exporter at " + known.address() + " does ("
                        + there.identity() + " vs " + known.identity() + ")");
            } else {
                answering.add(address);
                lines.add(at + ": answers" + (known.metrics().isPresent() ? ", same exporter as " + known.address() : ""));
            }
        }
        String evidence = String.join("\n", lines);
        if (refused.isEmpty() && foreign.isEmpty()) {
            return CheckResult.passed(Section.EXPORTER_HYGIENE, name, evidence);
        }
        String fix;
        if (answering.isEmpty() && foreign.isEmpty()) {
            fix = "nothing listens on port " + target.port() + " of " + target.host() + "; start the exporter there or fix the target";
        } else {
            InetAddress good = answering.isEmpty() ? foreign.get(0) : answering.get(0);
            InetAddress bad = refused.isEmpty() ? foreign.get(0) : refused.get(0);
            HostPort goodTarget = new HostPort(literal(good), target.port());
            fix = "the exporter answers on " + (good instanceof Inet6Address ? "IPv6 " : "IPv4 ") + literal(good)
                    + " only, and Prometheus may dial " + literal(bad) + " first. Set the target to " + goodTarget
                    + ", or make the exporter listen on every address (dual-stack, e.g. [::]:" + target.port()
                    + "). To set the target: " + s.commands().install(goodTarget.toString(), "--force");
        }
        return CheckResult.failed(Section.EXPORTER_HYGIENE, name, evidence, fix);
    }

    /** Null when a TCP connection succeeds, else why not. */
    static String connect(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
            return null;
        } catch (IOException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return message.toLowerCase(java.util.Locale.ROOT).contains("refused") ? "connection refused" : message;
        }
    }

    /** The address as people write it: IPv6 compressed as in RFC 5952 ({@code ::1}, not {@code 0:0:0:0:0:0:0:1}). */
    static String literal(InetAddress address) {
        String text = address.getHostAddress().replaceAll("%.*", "");
        if (!(address instanceof Inet6Address)) {
            return text;
        }
        String[] groups = text.split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && Integer.parseInt(groups[j], 16) == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < groups.length; i++) {
            if (i == bestStart) {
                out.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            out.append(Integer.toHexString(Integer.parseInt(groups[i], 16)));
            if (i < groups.length - 1) {
                out.append(':');
            }
        }
        return out.toString();
    }
}
