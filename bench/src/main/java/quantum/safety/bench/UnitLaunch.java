package quantum.safety.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import quantum.safety.kernel.redis.RedisSetting;
import quantum.safety.process.ChildProcess;
import quantum.safety.process.LocalRedis;

/**
 * The runnable jar started the way one of the bundle's systemd units starts it: the JVM flags of its
 * {@code ExecStart} and its {@code Environment=} lines, so that what a harness measures is what ships. The Redis comes
 * through the legacy host and port variables ({@link RedisSetting#LEGACY_HOST}), as the env files' examples have it.
 */
final class UnitLaunch {

    private UnitLaunch() {
    }

    /**
     * Starts {@code jar} as {@code unit} does, against {@code redis}, with {@code extraArgs} after the unit's command
     * (the listen address, the limits); prints the command line. Its output goes to a temporary log.
     */
    static ChildProcess start(String name, Path unit, Path jar, LocalRedis redis, List<String> extraArgs)
            throws IOException {
        return start(name, unit, jar, redis, extraArgs, java.util.Map.of());
    }

    /** The same, with {@code extraEnv} set too (e.g. the archive's database URL). */
    static ChildProcess start(String name, Path unit, Path jar, LocalRedis redis, List<String> extraArgs,
                              java.util.Map<String, String> extraEnv) throws IOException {
        String unitText = Files.readString(unit);
        List<String> command = command(unitText, jar.toAbsolutePath());
        command.addAll(extraArgs);
        System.out.println("command: " + String.join(" ", command));
        Path log = Files.createTempFile(name.replaceAll("\\W+", "-") + "-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put(RedisSetting.LEGACY_HOST.legacyEnv(), redis.host());
        builder.environment().put(RedisSetting.LEGACY_PORT.legacyEnv(), Integer.toString(redis.port()));
        environment(unitText).forEach(kv -> builder.environment().put(kv[0], kv[1]));
        builder.environment().putAll(extraEnv);
        return ChildProcess.start(name, builder, ChildProcess.Output.of(log, 40));
    }

    /** The unit's ExecStart with {@code $JAVA_OPTS} left out and the installed jar replaced by {@code jar}. */
    static List<String> command(String unitText, Path jar) {
        Matcher exec = Pattern.compile("(?m)^ExecStart=(.*)$").matcher(unitText);
        if (!exec.find()) {
            throw new IllegalArgumentException("no ExecStart= in the unit");
        }
        List<String> words = new ArrayList<>(Arrays.asList(exec.group(1).trim().split("\\s+")));
        words.remove("$JAVA_OPTS");
        words.set(0, "java");
        int jarAt = words.indexOf("-jar");
        words.set(jarAt + 1, jar.toString());
        return words;
    }

    /** The unit's {@code Environment=NAME=value} lines. */
    static List<String[]> environment(String unitText) {
        List<String[]> pairs = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^Environment=([A-Z_][A-Z0-9_]*)=(\\S*)$").matcher(unitText);
        while (m.find()) {
            pairs.add(new String[] {m.group(1), m.group(2)});
        }
        return pairs;
    }
}
