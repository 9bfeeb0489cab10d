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
import java.util.Optional;
import java.util.Set;

import quantum.safety.kernel.FailureWords;
import quantum.safety.ops.prometheus.PrometheusApi.Target;

/**
 * The host Prometheus scrapes resolves only to addresses where our exporter answers. The legacy incident:
 * Prometheus scraped {@code localhost:9105}, {@code localhost} resolved to {@code ::1} first, the exporter listened
 * on {@code 127.0.0.1} only, and Prometheus showed 0 while the exporter showed 1. We resolve the target's host
 * the way the system does, connect to every address, and compare what answers with the exporter we know. Another
 * process answering, or nothing Prometheus dials answering, is a failure; one address refusing while another answers
 * is a warning, since Prometheus falls back to the next address. The finding names every address tried.
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
                    "use an IP literal target, e.g. --exporter.address=127.0.0.1:" + target.port());
        }
        List<Probe> dialled = addresses.stream().map(a -> Probe.of(a, target.port(), known, s)).toList();
        boolean allAnswer = dialled.stream().allMatch(p -> p.outcome() == Outcome.ANSWERS);
        // Prometheus dials only what the name resolves to; when one of those fails, the other loopback is tried too,
        // so that the finding can name the address that does answer (localhost -> 127.0.0.1, exporter on [::1] only).
        List<Probe> others = allAnswer ? List.of()
                : otherLoopbacks(addresses).stream().map(a -> Probe.of(a, target.port(), known, s)).toList();
        List<String> lines = new ArrayList<>();
        lines.add(target.host() + " resolves to " + addresses.stream().map(ListenAddressCheck::literal).toList()
                + " (in this order)");
        dialled.forEach(p -> lines.add(p.describe()));
        others.forEach(p -> lines.add(p.describe() + " (not dialled by Prometheus; tried to find the exporter)"));
        String evidence = String.join("\n", lines);
        if (allAnswer) {
            return CheckResult.passed(Section.EXPORTER_HYGIENE, name, evidence);
        }
        String finding = finding(target, addresses, dialled, others);
        Optional<Probe> foreign = dialled.stream().filter(p -> p.outcome() == Outcome.ANOTHER_PROCESS).findFirst();
        if (foreign.isPresent()) {
            return CheckResult.failed(Section.EXPORTER_HYGIENE, name, evidence, finding + " — Prometheus may scrape "
                    + foreign.get().at() + " instead of the exporter at " + known.address() + ": stop that process, or "
                    + "use --exporter.address=" + known.address() + reinstall(s, known.address().toString()));
        }
        Optional<Probe> answering = dialled.stream().filter(p -> p.outcome() == Outcome.ANSWERS).findFirst();
        if (answering.isPresent()) {
            // Prometheus falls back to the next address when one refuses, so the scrape works: untidy, not broken.
            return CheckResult.warning(Section.EXPORTER_HYGIENE, name, evidence, finding + " — use --exporter.address="
                    + answering.get().at() + ", or make the exporter listen on both (--web.listen-address=[::]:"
                    + target.port() + ")" + reinstall(s, answering.get().at().toString()));
        }
        Optional<Probe> elsewhere = others.stream().filter(p -> p.outcome() == Outcome.ANSWERS).findFirst();
        return CheckResult.failed(Section.EXPORTER_HYGIENE, name, evidence, finding + elsewhere
                .map(p -> " — use --exporter.address=" + p.at() + reinstall(s, p.at().toString()))
                .orElse(" — nothing listens on port " + target.port() + " of " + target.host()
                        + "; start the exporter there, or point --exporter.address at where it listens"));
    }

    /**
     * One line naming every address tried and what it did, e.g. "localhost resolves to ::1 first; [::1]:9105 refuses,
     * 127.0.0.1:9105 answers".
     */
    static String finding(HostPort target, List<InetAddress> addresses, List<Probe> dialled, List<Probe> others) {
        String first = literal(addresses.get(0));
        String resolution = addresses.size() == 1 && first.equals(target.host()) ? ""
                : target.host() + " resolves to " + first + (addresses.size() == 1 ? " only" : " first") + "; ";
        List<String> parts = new ArrayList<>();
        dialled.forEach(p -> parts.add(p.at() + " " + p.outcome().verb));
        others.forEach(p -> parts.add(p.at() + " " + p.outcome().verb));
        return resolution + String.join(", ", parts);
    }

    /** The loopback of the other address family, when every address is a loopback and that one is not among them. */
    static List<InetAddress> otherLoopbacks(List<InetAddress> addresses) {
        if (addresses.isEmpty() || !addresses.stream().allMatch(InetAddress::isLoopbackAddress)) {
            return List.of();
        }
        List<InetAddress> others = new ArrayList<>();
        boolean hasV4 = addresses.stream().anyMatch(a -> !(a instanceof Inet6Address));
        boolean hasV6 = addresses.stream().anyMatch(a -> a instanceof Inet6Address);
        try {
            if (!hasV4) {
                others.add(InetAddress.getByName("127.0.0.1"));
            }
            if (!hasV6) {
                others.add(InetAddress.getByName("::1"));
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an IP literal always parses", e);
        }
        return others;
    }

    /** What connecting to one address gave. */
    enum Outcome {
        ANSWERS("answers"), REFUSES("refuses"), ANOTHER_PROCESS("answers as another process");

        final String verb;

        Outcome(String verb) {
            this.verb = verb;
        }
    }

    /** One address tried: where, what it did, and the detail for the evidence. */
    record Probe(HostPort at, Outcome outcome, String detail) {

        static Probe of(InetAddress address, int port, ExporterSnapshot known, VerifySettings s) {
            HostPort at = new HostPort(literal(address), port);
            String problem = connect(address, port);
            if (problem != null) {
                return new Probe(at, Outcome.REFUSES, problem);
            }
            ExporterSnapshot there = ExporterSnapshot.fetch(s.http(), at);
            if (known.metrics().isPresent() && !there.identity().equals(known.identity())) {
                return new Probe(at, Outcome.ANOTHER_PROCESS, "answers, but not as the exporter at " + known.address()
                        + " does (" + there.identity() + " vs " + known.identity() + ")");
            }
            return new Probe(at, Outcome.ANSWERS, "answers"
                    + (known.metrics().isPresent() ? ", same exporter as " + known.address() : ""));
        }

        String describe() {
            return at + ": " + detail;
        }
    }

    /** The install command that sets the scrape target to {@code address}, complete so it can be pasted. */
    private static String reinstall(VerifySettings s, String address) {
        return ". To set the target: " + s.commands().install(address, "--force");
    }

    /** Null when a TCP connection succeeds, else why not. */
    static String connect(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
            return null;
        } catch (IOException e) {
            String message = FailureWords.of(e);
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
