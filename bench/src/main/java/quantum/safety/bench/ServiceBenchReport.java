package quantum.safety.bench;

import java.util.Locale;

import quantum.safety.bench.ClosedLoop.Figures;
import quantum.safety.bench.DecisionServiceBench.Results;
import quantum.safety.bench.PythonDecideBench.Cpu;

/** The Markdown tables of one {@link DecisionServiceBench} run, for {@code docs/benchmarks.md}. */
final class ServiceBenchReport {

    private ServiceBenchReport() {
    }

    static String of(Results r) {
        PythonDecideBench.Result py = r.py();
        StringBuilder sb = new StringBuilder();
        sb.append("Latency with 1 client: in turn = one client making its calls in turn, each timed on its own, so "
                + "that its PING is measured at the same moments; on its own = a closed loop of that call alone. "
                + "÷ PING: the same client's PING, measured the same way.\n\n"
                + "| client | path | p50 µs, in turn | p99 µs, in turn | ÷ PING, in turn | p50 µs, on its own "
                + "| p99 µs, on its own | ÷ PING, on its own | calls/s, 1 client | calls/s, 8 threads "
                + "| calls/s, 8 processes |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Figures javaPing = r.turnPing();
        Figures javaPingAlone = r.ping1();
        Figures pyPing = py.turnPing();
        Figures pyPingAlone = py.ping();
        row(sb, "Java", "Redis PING (Jedis, pooled)", r.turnPing(), javaPing, r.ping1(), javaPingAlone, r.ping8(), null);
        row(sb, "Java", "`SafetyKernel.decide()` in-process", r.turnDecide(), javaPing, r.decide1(), javaPingAlone,
                r.decide8(), null);
        row(sb, "Java", "service (keep-alive socket)", r.turnHttp(), javaPing, r.http1(), javaPingAlone, r.http8(),
                null);
        row(sb, "Python", "Redis PING (raw socket)", py.turnPing(), pyPing, py.ping(), pyPingAlone, py.pingThreads(),
                py.pingProcesses());
        py.turnRedisPy().ifPresent(f -> row(sb, "Python", "Redis PING (redis-py " + py.redisPyVersion() + ")", f,
                pyPing, py.redisPy().orElse(null), pyPingAlone, null, null));
        row(sb, "Python", "service (`safety_kernel.py`)", py.turnDecide(), pyPing, py.decide(), pyPingAlone,
                py.decideThreads(), py.decideProcesses());

        sb.append("\nLatency with 8 clients, each path on its own:\n\n| path | p50 µs, 8 threads | p99 µs, 8 threads "
                + "| p50 µs, 8 processes | p99 µs, 8 processes |\n|---|---:|---:|---:|---:|\n");
        eight(sb, "Redis PING from Java", r.ping8(), null);
        eight(sb, "Redis PING from Python", py.pingThreads(), py.pingProcesses());
        eight(sb, "`SafetyKernel.decide()` in-process", r.decide8(), null);
        eight(sb, "service from Java", r.http8(), null);
        eight(sb, "service from Python", py.decideThreads(), py.decideProcesses());

        sb.append("\nWhere a decision's time goes, 1 client on its own, means in µs (inside = the service's own "
                + "histogram, request read → decided):\n\n| caller | seen by the caller | inside the service | of which "
                + "`decide()` (in-process figure) | handoff, parse, metrics | outside: HTTP, Netty I/O, loopback, "
                + "client |\n|---|---:|---:|---:|---:|---:|\n");
        split(sb, "Java (keep-alive socket)", r.http1().meanMicros(), r.javaInside(), r.decide1().meanMicros());
        split(sb, "Python (`safety_kernel.py`)", py.decide().meanMicros(), py.serviceMeanMicros(),
                r.decide1().meanMicros());

        sb.append("\nCPU per call while measuring, µs (/proc: the Python client's own; the JVM holding the service by "
                + "threads, its own being the decision threads with the few admin and readiness ones; redis-server):"
                + "\n\n| figure | Python client | service: Netty I/O | service: its own threads "
                + "| service: JIT, GC, other | redis-server | total | 2 cores ÷ total (calls/s) |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|\n");
        py.cpu().forEach((figure, cpu) -> cpuRow(sb, figure, cpu));

        double inTurn = py.turnDecide().p50Micros();
        double alone = py.decide().p50Micros();
        double best8 = Math.max(py.decideThreads().perSecond(), py.decideProcesses().perSecond());
        String redisPy = py.turnRedisPy().map(f -> String.format(Locale.ROOT, ", %.2f× redis-py PING",
                inTurn / f.p50Micros())).orElse("");
        String redisPyAlone = py.redisPy().map(f -> String.format(Locale.ROOT, ", %.2f× redis-py PING",
                alone / f.p50Micros())).orElse("");
        sb.append(String.format(Locale.ROOT, "%nTargets, service from Python: p50 in turn %.2f× Python PING%s; on "
                        + "its own %.2f× Python PING%s, %.2f× Java PING — target ≤ 4×; p99 %.0f µs in turn, %.0f µs on "
                        + "its own — target < 2,000 µs; %,.0f decisions/s with 8 clients (best of threads and "
                        + "processes) — target ≥ 10,000.%n", inTurn / pyPing.p50Micros(), redisPy,
                alone / pyPingAlone.p50Micros(), redisPyAlone, alone / javaPingAlone.p50Micros(),
                py.turnDecide().p99Micros(), py.decide().p99Micros(), best8));
        return sb.toString();
    }

    private static void row(StringBuilder sb, String client, String path, Figures turn, Figures ping, Figures alone,
                            Figures pingAlone, Figures threads, Figures processes) {
        sb.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.2f | %s | %s | %s | %s | %s | %s |%n", client,
                path, turn.p50Micros(), turn.p99Micros(), turn.p50Micros() / ping.p50Micros(),
                alone == null ? "–" : String.format(Locale.ROOT, "%.0f", alone.p50Micros()),
                alone == null ? "–" : String.format(Locale.ROOT, "%.0f", alone.p99Micros()),
                alone == null ? "–" : String.format(Locale.ROOT, "%.2f", alone.p50Micros() / pingAlone.p50Micros()),
                rate(alone), rate(threads), rate(processes)));
    }

    private static String rate(Figures f) {
        return f == null ? "–" : String.format(Locale.ROOT, "%,.0f", f.perSecond());
    }

    private static void eight(StringBuilder sb, String name, Figures threads, Figures processes) {
        sb.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %s | %s |%n", name, threads.p50Micros(),
                threads.p99Micros(), processes == null ? "–" : String.format(Locale.ROOT, "%.0f",
                        processes.p50Micros()),
                processes == null ? "–" : String.format(Locale.ROOT, "%.0f", processes.p99Micros())));
    }

    private static void split(StringBuilder sb, String caller, double seen, double inside, double decide) {
        sb.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f | %.0f |%n", caller, seen, inside,
                decide, inside - decide, seen - inside));
    }

    private static void cpuRow(StringBuilder sb, String figure, Cpu cpu) {
        String name = figure.replace("ping", "PING from Python,").replace("decide", "service from Python,")
                .replace(" 1", " 1 client").replace("threads", "8 threads").replace("processes", "8 processes");
        sb.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %,.0f |%n", name,
                cpu.client(), cpu.serviceIo(), cpu.serviceDecide(), cpu.serviceOther(), cpu.redis(), cpu.total(),
                2e6 / cpu.total()));
    }
}
