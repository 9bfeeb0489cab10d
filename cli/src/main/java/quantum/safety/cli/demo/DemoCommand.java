package quantum.safety.cli.demo;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import quantum.safety.cli.DurationConverter;
import quantum.safety.cli.Logging;
import quantum.safety.cli.UsageException;
import quantum.safety.demo.Demo;
import quantum.safety.demo.DemoInputException;
import quantum.safety.demo.DemoRedis;
import quantum.safety.demo.DemoRedisChoice;
import quantum.safety.demo.DemoSettings;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;

/**
 * {@code quantum-safety demo}: everything on one machine. A private Redis, the real kernel under a simulated order
 * flow that trips SAFE MODE now and then, and the exporter serving it; a live status line until Ctrl-C or
 * {@code --duration}, then everything is stopped and removed.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
                "Runs the whole system on this machine: a private Redis (redis-server from PATH, else the Redis 6.2 "
                        + "binary of the embedded-redis Maven artifact), the safety kernel under a simulated order flow "
                        + "for five symbols with bursts that trip SAFE MODE and cool down, and the exporter.",
                "Prints the URLs and what to look at, then a live status line. Ctrl-C (or SIGTERM, or the end of "
                        + "--duration) stops everything and removes the private Redis and its files.",
                "Every flag has an env twin (QUANTUM_SAFETY_DEMO_*), so the demo never picks up a production "
                        + "setting by accident."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  quantum-safety demo",
                "  quantum-safety demo --web.listen-address=:9106 --duration=2m",
                "  quantum-safety demo --cooldown=90s       # long enough for the QuantumSafeModeActive alert to fire",
                "  quantum-safety demo --redis.addr=redis://127.0.0.1:6379 --seed=7   # a scratch Redis you run"})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--web.listen-address", paramLabel = "[HOST]:PORT",
            defaultValue = "${env:QUANTUM_SAFETY_DEMO_LISTEN_ADDRESS:-:9105}",
            description = {"Where the exporter listens; ':9105' is every interface, IPv4 and IPv6.",
                    "Env: QUANTUM_SAFETY_DEMO_LISTEN_ADDRESS. Default: ${DEFAULT-VALUE}. Example: --web.listen-address=:9106"})
    String listenAddress;

    @Option(names = "--redis.addr", paramLabel = "URL", defaultValue = "${env:QUANTUM_SAFETY_DEMO_REDIS_ADDR}",
            description = {"Use this existing Redis instead of starting a private one (redis://host:port[/db]); the "
                    + "demo writes trips, intents and a kill switch drill there under the quantum: keys and refuses a "
                    + "Redis whose quantum:mode is LIVE. Password from env QUANTUM_SAFETY_REDIS_PASSWORD.",
                    "Env: QUANTUM_SAFETY_DEMO_REDIS_ADDR. Default: a private Redis. Example: --redis.addr=redis://127.0.0.1:6379"})
    String redisAddr;

    @Option(names = "--redis.server", paramLabel = "auto|path|embedded",
            defaultValue = "${env:QUANTUM_SAFETY_DEMO_REDIS_SERVER:-auto}",
            description = {"Which binary the private Redis runs: path (redis-server on PATH), embedded (Redis 6.2 "
                    + "from the embedded-redis artifact, found on the classpath or in ~/.m2), auto (path, else embedded).",
                    "Env: QUANTUM_SAFETY_DEMO_REDIS_SERVER. Default: ${DEFAULT-VALUE}. Example: --redis.server=embedded"})
    String redisServer;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:QUANTUM_SAFETY_DEMO_DURATION}",
            description = {"Run this long, then stop cleanly and exit 0. Default: until Ctrl-C.",
                    "Env: QUANTUM_SAFETY_DEMO_DURATION. Example: --duration=2m"})
    Duration duration;

    @Option(names = "--window", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:QUANTUM_SAFETY_DEMO_WINDOW:-5s}",
            description = {"The kernel's and exporter's rate window, whole seconds (production default: 10s).",
                    "Env: QUANTUM_SAFETY_DEMO_WINDOW. Default: ${DEFAULT-VALUE}. Example: --window=10s"})
    Duration window;

    @Option(names = "--cooldown", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:QUANTUM_SAFETY_DEMO_COOLDOWN:-20s}",
            description = {"How long a trip keeps SAFE MODE on, whole seconds (production default: 300s); a burst "
                    + "comes every cooldown + 2 windows.",
                    "Env: QUANTUM_SAFETY_DEMO_COOLDOWN. Default: ${DEFAULT-VALUE}. Example: --cooldown=90s"})
    Duration cooldown;

    @Option(names = "--global-max", paramLabel = "N", defaultValue = "${env:QUANTUM_SAFETY_DEMO_GLOBAL_MAX:-30}",
            description = {"Intents per window, all symbols, before a global trip.",
                    "Env: QUANTUM_SAFETY_DEMO_GLOBAL_MAX. Default: ${DEFAULT-VALUE}. Example: --global-max=50"})
    int globalMax;

    @Option(names = "--symbol-max", paramLabel = "N", defaultValue = "${env:QUANTUM_SAFETY_DEMO_SYMBOL_MAX:-10}",
            description = {"Intents per window for one symbol before a symbol trip.",
                    "Env: QUANTUM_SAFETY_DEMO_SYMBOL_MAX. Default: ${DEFAULT-VALUE}. Example: --symbol-max=8"})
    int symbolMax;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "${env:QUANTUM_SAFETY_DEMO_RATE:-3}",
            description = {"Base flow in intents per second over all threads; keep it well under the limits, the "
                    + "bursts do the tripping.",
                    "Env: QUANTUM_SAFETY_DEMO_RATE. Default: ${DEFAULT-VALUE}. Example: --rate=1.5"})
    double rate;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "${env:QUANTUM_SAFETY_DEMO_THREADS:-3}",
            description = {"Flow threads, each a trading service sharing the Redis.",
                    "Env: QUANTUM_SAFETY_DEMO_THREADS. Default: ${DEFAULT-VALUE}. Example: --threads=8"})
    int threads;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "${env:QUANTUM_SAFETY_DEMO_SEED:-42}",
            description = {"Seeds every random choice of the flow (symbols, sides, pauses, burst targets).",
                    "Env: QUANTUM_SAFETY_DEMO_SEED. Default: ${DEFAULT-VALUE}. Example: --seed=7"})
    long seed;

    @Option(names = "--status-interval", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:QUANTUM_SAFETY_DEMO_STATUS_INTERVAL:-3s}",
            description = {"How often the live status line is printed (rewritten in place on a terminal).",
                    "Env: QUANTUM_SAFETY_DEMO_STATUS_INTERVAL. Default: ${DEFAULT-VALUE}. Example: --status-interval=1s"})
    Duration statusInterval;

    @Option(names = "--log.level", paramLabel = "LEVEL", defaultValue = "${env:QUANTUM_SAFETY_DEMO_LOG_LEVEL:-warn}",
            description = {"debug, info, warn or error (to stderr); warn keeps the live line readable.",
                    "Env: QUANTUM_SAFETY_DEMO_LOG_LEVEL. Default: ${DEFAULT-VALUE}. Example: --log.level=info"})
    String logLevel;

    @Option(names = "--log.format", paramLabel = "FORMAT", defaultValue = "${env:QUANTUM_SAFETY_LOG_FORMAT:-logfmt}",
            description = {"logfmt or json. Env: QUANTUM_SAFETY_LOG_FORMAT. Default: ${DEFAULT-VALUE}.",
                    "Example: --log.format=json"})
    String logFormat;

    @Override
    public Integer call() throws Exception {
        Logging.configure(logLevel, logFormat);
        DemoSettings settings = settings();
        DemoRedisChoice redisChoice = redisChoice();
        try {
            // System.console() is null unless stdin and stdout are both a terminal: then the line is rewritten in place.
            Demo.run(settings, redisChoice, listenAddress, spec.commandLine().getOut(), System.console() != null);
        } catch (DemoInputException e) {
            throw new UsageException(e.getMessage(), e);
        }
        return 0;
    }

    DemoSettings settings() {
        requireWholeSeconds("--window", window, "--window=5s");
        requireWholeSeconds("--cooldown", cooldown, "--cooldown=20s");
        if (globalMax < 1 || symbolMax < 1) {
            throw new UsageException("--global-max and --symbol-max must be at least 1, e.g. --global-max=30 --symbol-max=10");
        }
        if (!(rate > 0) || rate > 10_000) {
            throw new UsageException("--rate=" + rate + " is out of range; use a rate above 0 and at most 10000, e.g. --rate=3");
        }
        if (threads < 1 || threads > 64) {
            throw new UsageException("--threads=" + threads + " is out of range; use 1 to 64, e.g. --threads=3");
        }
        if (statusInterval.toMillis() < 100) {
            throw new UsageException("--status-interval must be at least 100ms, e.g. --status-interval=3s");
        }
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw new UsageException("--duration must be positive, e.g. --duration=2m; leave it out to run until Ctrl-C");
        }
        return new DemoSettings(window, cooldown, globalMax, symbolMax, rate, threads, seed, Optional.ofNullable(duration),
                statusInterval);
    }

    DemoRedisChoice redisChoice() {
        DemoRedis.Server server;
        try {
            server = DemoRedis.Server.valueOf(redisServer.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--redis.server=" + redisServer + " is not auto, path or embedded");
        }
        if (redisAddr == null || redisAddr.isBlank()) {
            return DemoRedisChoice.local(server);
        }
        RedisEndpoint endpoint;
        try {
            endpoint = RedisEndpoint.parse(redisAddr.trim());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--redis.addr: " + e.getMessage());
        }
        String password = System.getenv("QUANTUM_SAFETY_REDIS_PASSWORD");
        return DemoRedisChoice.existing(endpoint, RedisCredentials.ofPassword(password));
    }

    private static void requireWholeSeconds(String flag, Duration value, String example) {
        if (value.toMillis() < 1000 || value.toMillisPart() != 0) {
            throw new UsageException(flag + "=" + value.toMillis() + "ms is not a whole number of seconds >= 1; use e.g. "
                    + example);
        }
    }
}
