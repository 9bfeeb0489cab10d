package quantum.safety.ops.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import quantum.safety.kernel.FaultEvent;
import quantum.safety.kernel.FlagState;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.Text;
import quantum.safety.kernel.redis.RedisSetting;
import quantum.safety.ops.commands.ShellWords;
import quantum.safety.ops.verify.CheckResult;
import quantum.safety.ops.verify.Section;
import quantum.safety.state.ExecutionControls;
import quantum.safety.state.FaultWindow;
import quantum.safety.state.KernelStats;
import quantum.safety.state.KeyTypes;
import quantum.safety.state.SafeModeState;
import quantum.safety.state.SafetyStatus;
import quantum.safety.state.SafetyStatusReader;
import quantum.safety.state.StatusLimits;
import quantum.safety.state.StoredString;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The shared state the kernel writes and the exporter reads, checked in Redis itself: reachable, version, every
 * contract key of the right type, SAFE MODE and kill switch state, the fault stream, the kernel's counters. It renders
 * the read model ({@link SafetyStatus}, {@link KeyTypes}) that the exporter and {@code ctl} render too; it only reads,
 * and works on Redis 6.2 and 7.x.
 *
 * <p>SAFE MODE and the kill switch are judged by the kernel's rule ({@link FlagState}): whatever the kernel blocks on
 * is reported ON or ENGAGED, and a value other than absent, {@code 0} or {@code 1} (or a key of another type) fails
 * its check, because the system is halted by data nobody meant to write.
 */
public final class RedisChecks {

    /** Doctor knows no kernel limits and shows no window against them: it asks for no symbols and one fault. */
    private static final StatusLimits READ = StatusLimits.builder().windowSeconds(10).globalMax(1).symbolMax(1)
            .lastFaults(1).topSymbols(0).build();

    private final UnifiedJedis redis;
    private final RedisSchema schema;
    private final String where;

    public RedisChecks(UnifiedJedis redis, RedisSchema schema, String where) {
        this.redis = redis;
        this.schema = schema;
        this.where = where;
    }

    public List<CheckResult> run() {
        List<CheckResult> results = new ArrayList<>();
        SafetyStatus status = new SafetyStatusReader(redis, schema, READ, where).read();
        if (!status.reachable()) {
            results.add(CheckResult.failed(Section.SYSTEM_STATE, "Redis reachable", where + ": "
                    + status.redis().error().orElse("no answer"),
                    "start Redis or pass " + RedisSetting.ADDR.flag() + " (env " + RedisSetting.ADDR.env() + ", legacy "
                            + RedisSetting.LEGACY_HOST.legacyEnv() + "/" + RedisSetting.LEGACY_PORT.legacyEnv() + ")"));
            results.add(CheckResult.skipped(Section.SYSTEM_STATE, "Redis keys", "Redis unreachable"));
            return results;
        }
        results.add(CheckResult.passed(Section.SYSTEM_STATE, "Redis reachable",
                "PING " + where + " -> PONG; redis_version " + status.redis().version()));
        KeyTypes types;
        try {
            types = KeyTypes.read(redis, schema);
        } catch (JedisException e) {
            results.add(CheckResult.failed(Section.SYSTEM_STATE, "Redis reads", e.getMessage(),
                    "check the Redis ACL of this user (it needs read access to " + schema.prefix() + "*)"));
            return results;
        }
        results.add(keyTypes(types));
        results.add(safeMode(status.safeMode()));
        results.add(switches(status.controls()));
        results.add(faultStream(types, status.faults()));
        results.add(kernelCounters(status.kernel()));
        results.add(KernelSettingsCheck.of(status.kernels(), schema));
        return results;
    }

    private static CheckResult keyTypes(KeyTypes types) {
        List<String> lines = new ArrayList<>();
        types.expected().forEach((key, type) -> {
            String actual = types.actual().get(key);
            lines.add(key + ": " + actual + (types.fits(key) ? "" : " (expected " + type + ")"));
        });
        String evidence = String.join("\n", lines);
        List<String> wrong = types.misfits();
        return wrong.isEmpty() ? CheckResult.passed(Section.SYSTEM_STATE, "contract keys have the right types", evidence)
                : CheckResult.failed(Section.SYSTEM_STATE, "contract keys have the right types", evidence,
                "something else writes " + wrong + "; find the writer (CLIENT LIST, MONITOR briefly) and DEL the key");
    }

    private CheckResult safeMode(SafeModeState state) {
        String key = schema.safeMode();
        FlagState flag = state.flag();
        Map<String, String> info = new TreeMap<>(state.info());
        String name = "SAFE MODE state";
        if (!flag.on()) {
            String evidence = "SAFE MODE OFF (" + key + " " + (flag.kind() == FlagState.Kind.ABSENT ? "absent" : "= 0") + ")"
                    + (info.isEmpty() ? "" : "; stale info hash " + info);
            return CheckResult.passed(Section.SYSTEM_STATE, name, evidence);
        }
        String evidence = "SAFE MODE ON: trading blocked; " + (state.secondsLeft().isPresent()
                ? "clears in " + state.secondsLeft().getAsLong() + "s" : "no TTL (latched or set by hand)")
                + (info.isEmpty() ? "; no info hash (set by hand)" : "; " + info);
        if (flag.unclear()) {
            return CheckResult.failed(Section.SYSTEM_STATE, name, evidence + "\n" + key + ": " + flag.describe(),
                    "the kernel blocks on it; write it through the kernel, audited. To keep SAFE MODE on: "
                            + ctl("safe-mode on --latched", "doctor found an unclear SAFE MODE value") + " ; to end it: "
                            + ctl("safe-mode off", "doctor found an unclear SAFE MODE value"));
        }
        return CheckResult.passed(Section.SYSTEM_STATE, name, evidence);
    }

    private CheckResult switches(ExecutionControls controls) {
        FlagState kill = controls.killSwitch();
        String evidence = "kill switch " + (kill.on() ? "ENGAGED (all orders blocked)" : "released")
                + " (" + schema.killSwitch() + ": " + kill.describe() + "); execution mode " + text(controls.mode())
                + "; governor " + text(controls.governor());
        return kill.unclear() ? CheckResult.failed(Section.SYSTEM_STATE, "kill switch and execution mode", evidence,
                "the kernel blocks every order on it; write it through the kernel, audited. To keep it engaged: "
                        + ctl("kill on", "doctor found an unclear kill switch value") + " ; to release it: "
                        + ctl("kill off", "doctor found an unclear kill switch value"))
                : CheckResult.passed(Section.SYSTEM_STATE, "kill switch and execution mode", evidence);
    }

    /**
     * A ctl change as a complete command against the Redis doctor read (the address without secrets: the password
     * comes from the same env as doctor's); the actor is the login name, as ctl defaults it.
     */
    private String ctl(String change, String reason) {
        return "quantum-safety ctl " + change + " " + ShellWords.flag("--redis.addr", where) + " "
                + ShellWords.flag("--reason", reason) + " --yes";
    }

    /** A string key quoted for the report, or what it holds instead; a wrong type is evidence, not a crash. */
    private static String text(StoredString value) {
        if (value.absent()) {
            return "unset";
        }
        return value.value().map(Text::quote).orElse("(a " + value.type() + ", not a string)");
    }

    private CheckResult faultStream(KeyTypes types, FaultWindow faults) {
        String key = schema.faultStream();
        if ("none".equals(types.actual().get(key))) {
            return CheckResult.passed(Section.SYSTEM_STATE, "fault stream", key + " absent: no trip recorded");
        }
        if (faults.length().isEmpty() || faults.newest().isEmpty()) {
            return CheckResult.failed(Section.SYSTEM_STATE, "fault stream", String.join("\n", faults.problems()),
                    "something else writes " + key + "; see the contract key types");
        }
        List<FaultEvent> newest = faults.newest().get();
        String last = newest.isEmpty() ? "none" : newest.get(0).id() + " " + new TreeMap<>(newest.get(0).fields());
        return CheckResult.passed(Section.SYSTEM_STATE, "fault stream", "XLEN " + key + " = "
                + faults.length().getAsLong() + "; newest: " + last);
    }

    private static CheckResult kernelCounters(KernelStats stats) {
        String evidence = "decisions " + stats.decisionFields() + "; totals " + stats.totalFields();
        if (stats.problems().isEmpty()) {
            return CheckResult.passed(Section.SYSTEM_STATE, "kernel counters", evidence);
        }
        List<String> bad = stats.badFields().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        return CheckResult.failed(Section.SYSTEM_STATE, "kernel counters", evidence
                        + (bad.isEmpty() ? "" : "; not numbers: " + bad) + "\n" + String.join("\n", stats.problems()),
                "the exporter counts and skips these fields; find what wrote them");
    }
}
