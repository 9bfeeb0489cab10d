package quantum.safety.bench;

import java.nio.file.Path;

/**
 * The arguments the memory harnesses share: {@code <jar> [unit file] [idle minutes] [load seconds]}, then their own.
 *
 * @param jar         the runnable jar to start as the unit does
 * @param unit        the systemd unit whose ExecStart and Environment= it is started with
 * @param idleMinutes how long the idle phase lasts
 * @param loadSeconds how long the load phase lasts
 * @param all         every argument, for the harness's own after these
 */
record MemoryHarnessArgs(Path jar, Path unit, int idleMinutes, int loadSeconds, String[] all) {

    static MemoryHarnessArgs parse(String[] args, String defaultUnit) {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: <jar> [unit file] [idle minutes] [load seconds] …; build the jar "
                    + "with mvn -B -q -pl bench,cli -am package -DskipTests (cli/target/quantum-safety.jar)");
        }
        return new MemoryHarnessArgs(Path.of(args[0]), Path.of(args.length > 1 ? args[1] : defaultUnit),
                intAt(args, 2, 5), intAt(args, 3, 120), args.clone());
    }

    /** The harness's own argument at {@code index} (4 and up), or {@code defaultValue}. */
    int extra(int index, int defaultValue) {
        return intAt(all, index, defaultValue);
    }

    private static int intAt(String[] args, int index, int defaultValue) {
        return args.length > index ? Integer.parseInt(args[index]) : defaultValue;
    }
}
