package quantum.safety.demo;

import java.util.List;
import java.util.Optional;

/** The text printed once the demo runs: where everything is, what to watch and what to try. */
final class DemoGuide {

    private DemoGuide() {
    }

    /**
     * @param listenHost the host of {@code --web.listen-address}, empty for every interface
     * @param port       the port the exporter actually bound
     * @param servicePort the port the decision service bound on 127.0.0.1
     * @param archive     the lines about the audit archive, after the service's
     */
    static List<String> lines(DemoRedis redis, Optional<String> listenHost, int port, int servicePort, DemoSettings s,
                              List<String> symbols, List<String> archive) {
        String host = listenHost.filter(h -> !h.isEmpty() && !h.equals("0.0.0.0") && !h.equals("::"))
                .map(h -> h.contains(":") ? "[" + h + "]" : h).orElse("localhost");
        String web = host + ":" + port;
        String kernelFlags = "--window=" + s.windowSeconds() + "s --global-max=" + s.globalMax() + " --symbol-max="
                + s.symbolMax() + " --cooldown=" + s.cooldownSeconds() + "s";
        List<String> lines = new java.util.ArrayList<>(List.of(
                "Quantum Safety demo: the safety kernel under simulated order flow, the exporter reading its state.",
                "",
                "  Redis     " + redis.address() + "  (" + redis.describe() + ")",
                "  Exporter  http://" + web + "/          landing page: SAFE MODE and kill switch at a glance",
                "            http://" + web + "/metrics   what Prometheus scrapes",
                "  Service   http://127.0.0.1:" + servicePort + "/v1/decide   the decision service (kernel serve) on "
                        + "the demo's kernel"));
        lines.addAll(archive);
        lines.addAll(List.of(
                "  Flow      " + String.join(" ", symbols) + " from " + s.threads() + " threads, ~" + s.rate()
                        + " intents/s, 1 in 10 reduce-only; limits " + s.globalMax() + " per " + s.windowSeconds()
                        + "s window, " + s.symbolMax() + " per symbol",
                "            a burst every " + s.burstEvery().toSeconds() + "s trips SAFE MODE (one symbol, then all), "
                        + "cooldown " + s.cooldownSeconds() + "s; one kill switch drill by actor \"demo\"; seed "
                        + s.seed(),
                "",
                "Watch (SAFE MODE flips within " + s.firstBurst().toSeconds() + "s, and again every "
                        + s.burstEvery().toSeconds() + "s):",
                "  curl -s " + web + "/metrics | grep quantum_safety_safe_mode",
                "  curl -s " + web + "/metrics | grep -E '^quantum_safety_(faults_total|decisions_total|"
                        + "rate_symbol_top|kill_switch)'",
                "  curl -s " + web + "/metrics | grep -E '^quantum_(trade_intents_total|safety_faults_last_1h_by)'",
                "Try (your own decision, against the demo's Redis and limits; exit 0 allowed, 3 blocked):",
                "  ./quantum-safety kernel decide --redis.addr=" + redis.address() + " " + kernelFlags
                        + " --symbol BTCUSDT --side BUY",
                "  (add --reduce-only while SAFE MODE is on: REDUCE_ONLY_ALLOWED)",
                "  curl -s -XPOST 127.0.0.1:" + servicePort + "/v1/decide -d '{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\"}'"
                        + "   (the same, through the decision service)",
                "Prometheus with the project's alert and recording rules (it scrapes 127.0.0.1:9105"
                        + (port == 9105 ? "" : "; change that target to 127.0.0.1:" + port) + "):",
                "  prometheus --config.file=monitoring/prometheus/prometheus.yml --storage.tsdb.path=$(mktemp -d)",
                "  then http://localhost:9090/alerts: QuantumSafeModeActive goes pending (it fires after 1m; "
                        + "try --cooldown=90s)",
                "",
                "Ctrl-C stops the flow, the exporter, the archive and the private Redis and PostgreSQL. Live status every "
                        + s.statusEvery().toSeconds() + "s:"));
        return lines;
    }
}
