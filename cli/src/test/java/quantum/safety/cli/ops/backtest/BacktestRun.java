package quantum.safety.cli.ops.backtest;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import picocli.CommandLine;
import quantum.safety.cli.Main;

/** One run of {@code quantum-safety ops backtest …} through the real command line: exit code, stdout, stderr. */
record BacktestRun(int code, String out, String err) {

    static BacktestRun of(String... args) {
        return withEnv(Map.of(), args);
    }

    /** With the env twins read from {@code env} instead of the process environment. */
    static BacktestRun withEnv(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.newCommandLine(env);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "ops";
        all[1] = "backtest";
        System.arraycopy(args, 0, all, 2, args.length);
        int code = cli.execute(all);
        return new BacktestRun(code, out.toString(), err.toString());
    }
}
