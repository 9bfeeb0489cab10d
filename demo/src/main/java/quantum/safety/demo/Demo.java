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
     * @param archiveChoice where the audit archive writes, or off; a private PostgreSQL that cannot be started leaves
     *                      the demo without it, said in one line
     * @throws DemoInputException when the listen address or the Redis cannot be used; nothing is left running
     */
    public static void run(DemoSettings settings, DemoRedisChoice redisChoice, DemoArchiveChoice archiveChoice,
                           String listenAddress, PrintWriter out, boolean inPlace)
            throws IOException, InterruptedException {
        StatusLine line = new StatusLine(out, inPlace);

        DemoRun run = DemoRun.start(settings, redisChoice, archiveChoice, listenAddress, line);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            run.close();
            stopped.countDown();
        }, "quantum-safety-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            DemoGuide.lines(run.redis(), ListenAddress.parse(listenAddress).host(), run.exporter().port(),
                    run.service().port(), settings,
                    SymbolMix.standard().names(), DemoArchiveGuide.lines(run)).forEach(out::println);
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
        run.archive().ifPresent(a -> out.println("archive: " + a.archived() + " events were archived in PostgreSQL"));
        out.println("demo stopped: flow, exporter" + (run.archive().isPresent() ? ", archive" : "")
                + (run.archive().filter(DemoArchive::isLocal).isPresent() ? ", the private PostgreSQL" : "") + " and "
                + (run.redis().isLocal() ? "the private Redis (and their files)" : "the Redis connections")
                + " are gone");
        out.flush();
    }
}
