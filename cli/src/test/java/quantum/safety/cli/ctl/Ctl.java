package quantum.safety.cli.ctl;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import picocli.CommandLine;
import quantum.safety.cli.Main;

/** Runs {@code quantum-safety ctl …} in process with captured output, as an operator would type it. */
final class Ctl {

    /** One finished run. */
    record Run(int exitCode, String out, String err) {
    }

    private Ctl() {
    }

    static Run run(String redisUri, String... args) {
        return run(System.getenv(), redisUri, args);
    }

    /** With the env twins read from {@code env} rather than the process environment. */
    static Run run(Map<String, String> env, String redisUri, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.newCommandLine(env);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("ctl"));
        all.addAll(List.of(args));
        if (redisUri != null && !all.contains("--help")) {
            all.add("--redis.addr=" + redisUri);
        }
        int code = cli.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }
}
