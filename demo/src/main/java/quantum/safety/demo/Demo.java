package quantum.safety.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import quantum.safety.web.ListenAddress;

/**
 * The demo as a whole, for {@code quantum-safety demo}: starts everything ({@link DemoRun}), prints where it is and
 * what to watch, shows the live line until {@code --duration} has passed or the JVM is asked to stop (Ctrl-C,
 * SIGTERM), then stops everything and says so.
 */
public final class Demo {

    private Demo() {
    }

    /**
     * Runs the demo to its end.
     *
     * @param listenAddress where the exporter listens, as given ({@code :9105}, {@code 127.0.0.1:9179})
     * @param out           the guide, the live line and the last line
     * @param inPlace       rewrite the live line in place (a terminal) rather than print a line per tick
     * @throws DemoInputException when the listen address or the Redis cannot be used; nothing is left running
     */
    public static void run(DemoSettings settings, DemoRedisChoice redisChoice, String listenAddress, PrintWriter out,
                           boolean inPlace) throws IOException, InterruptedException {
        StatusLine line = new StatusLine(out, inPlace);

        DemoRun run = DemoRun.start(settings, redisChoice, listenAddress, line);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            run.close();
            stopped.countDown();
        }, "quantum-safety-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            DemoGuide.lines(run.redis(), ListenAddress.parse(listenAddress).host(), run.exporter().port(),
                    run.service().port(), settings,
                    SymbolMix.standard().names()).forEach(out::println);
            out.flush();
            if (settings.duration().isPresent()) {
                stopped.await(settings.duration().get().toMillis(), TimeUnit.MILLISECONDS);
            } else {
                stopped.await();
            }
        } finally {
            run.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or ran: it has closed the run
            }
        }
        out.println("demo stopped: flow, exporter and " + (run.redis().isLocal() ? "the private Redis (and its files)"
                : "the Redis connections") + " are gone");
        out.flush();
    }
}
