package quantum.safety.ops.doctor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import quantum.safety.kernel.FlagState;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.Text;
import quantum.safety.ops.verify.CheckResult;
import quantum.safety.ops.verify.Section;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The shared state the kernel writes and the exporter reads, checked in Redis itself: reachable, version, every
 * contract key of the right type, SAFE MODE and kill switch state, the fault stream, the kernel's counters.
 * Only reads; works on Redis 6.2 and 7.x (TYPE, GET, TTL, HGETALL, XLEN, XREVRANGE, INFO).
 *
 * <p>SAFE MODE and the kill switch are judged by the kernel's rule ({@link FlagState}): whatever the kernel blocks on
 * is reported ON or ENGAGED, and a value other than absent, {@code 0} or {@code 1} (or a key of another type) fails
 * its check, because the system is halted by data nobody meant to write.
 */
public final class RedisChecks {

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
        String version;
        try {
            String pong = redis.ping();
            version = serverVersion();
            results.add(CheckResult.passed(Section.SYSTEM_STATE, "Redis reachable",
                    "PING " + where + " -> " + pong + "; redis_version " + version));
        } catch (RuntimeException e) {
            results.add(CheckResult.failed(Section.SYSTEM_STATE, "Redis reachable", where + ": " + e.getMessage(),
                    "start Redis or pass --redis.addr (env QUANTUM_SAFETY_REDIS_ADDR, legacy REDIS_HOST/REDIS_PORT)"));
            results.add(CheckResult.skipped(Section.SYSTEM_STATE, "Redis keys", "Redis unreachable"));
            return results;
        }
        try {
            results.add(keyTypes());
            results.add(safeMode());
            results.add(switches());
            results.add(faultStream());
            results.add(kernelCounters());
        } catch (RuntimeException e) {
            results.add(CheckResult.failed(Section.SYSTEM_STATE, "Redis reads", e.getMessage(),
                    "check the Redis ACL of this user (it needs read access to " + schema.prefix() + "*)"));
        }
        return results;
    }

    private String serverVersion() {
        Object info = redis.sendCommand(Protocol.Command.INFO, "server");
        String text = info instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(info);
        return text.lines().filter(l -> l.startsWith("redis_version:")).map(l -> l.substring(14).strip())
                .findFirst().orElse("unknown");
    }

    private CheckResult keyTypes() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(schema.safeMode(), "string");
        expected.put(schema.safeModeInfo(), "hash");
        expected.put(schema.faultStream(), "stream");
        expected.put(schema.auditStream(), "stream");
        expected.put(schema.tradeIntentStream(), "stream");
        expected.put(schema.killSwitch(), "string");
        expected.put(schema.executionMode(), "string");
        expected.put(schema.governorGate(), "string");
        expected.put(schema.decisionCounters(), "hash");
        expected.put(schema.kernelTotals(), "hash");
        expected.put(schema.tripStreak(), "string");
        List<String> lines = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        expected.forEach((key, type) -> {
            String actual = redis.type(key);
            boolean ok = actual.equals(type) || actual.equals("none");
            lines.add(key + ": " + actual + (ok ? "" : " (expected " + type + ")"));
            if (!ok) {
                wrong.add(key);
            }
        });
        String evidence = String.join("\n", lines);
        return wrong.isEmpty() ? CheckResult.passed(Section.SYSTEM_STATE, "contract keys have the right types", evidence)
                : CheckResult.failed(Section.SYSTEM_STATE, "contract keys have the right types", evidence,
                "something else writes " + wrong + "; find the writer (CLIENT LIST, MONITOR briefly) and DEL the key");
    }

    private CheckResult safeMode() {
        String key = schema.safeMode();
        FlagState flag = flag(key);
        long ttl = redis.ttl(key);
        Map<String, String> info = hash(schema.safeModeInfo());
        String name = "SAFE MODE state";
        if (!flag.on()) {
            String evidence = "SAFE MODE OFF (" + key + " " + (flag.kind() == FlagState.Kind.ABSENT ? "absent" : "= 0") + ")"
                    + (info.isEmpty() ? "" : "; stale info hash " + info);
            return CheckResult.passed(Section.SYSTEM_STATE, name, evidence);
        }
        String evidence = "SAFE MODE ON: trading blocked; " + (ttl >= 0 ? "clears in " + ttl + "s" : "no TTL (latched or set by hand)")
                + (info.isEmpty() ? "; no info hash (set by hand)" : "; " + info);
        if (flag.unclear()) {
            return CheckResult.failed(Section.SYSTEM_STATE, name, evidence + "\n" + key + ": " + flag.describe(),
                    "the kernel blocks on it; write it through the kernel, audited: 'quantum-safety ctl safe-mode on "
                            + "--actor … --reason …' to keep SAFE MODE on, 'ctl safe-mode off …' to end it");
        }
        return CheckResult.passed(Section.SYSTEM_STATE, name, evidence);
    }

    private CheckResult switches() {
        String key = schema.killSwitch();
        FlagState kill = flag(key);
        String evidence = "kill switch " + (kill.on() ? "ENGAGED (all orders blocked)" : "released")
                + " (" + key + ": " + kill.describe() + "); execution mode " + text(schema.executionMode())
                + "; governor " + text(schema.governorGate());
        return kill.unclear() ? CheckResult.failed(Section.SYSTEM_STATE, "kill switch and execution mode", evidence,
                "the kernel blocks every order on it; write it through the kernel, audited: 'quantum-safety ctl kill "
                        + "on --actor … --reason …' to keep it engaged, 'ctl kill off …' to release it")
                : CheckResult.passed(Section.SYSTEM_STATE, "kill switch and execution mode", evidence);
    }

    /** A flag as the kernel reads it; a key of another type is on, not a failed read. */
    private FlagState flag(String key) {
        try {
            return FlagState.ofValue(redis.get(key));
        } catch (JedisDataException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("WRONGTYPE")) {
                throw e;
            }
            return FlagState.ofWrongType(redis.type(key));
        }
    }

    /** A string key quoted for the report, or what it holds instead; a wrong type is evidence, not a crash. */
    private String text(String key) {
        String type = redis.type(key);
        return switch (type) {
            case "none" -> "unset";
            case "string" -> Text.quote(redis.get(key));
            default -> "(a " + type + ", not a string)";
        };
    }

    private CheckResult faultStream() {
        String key = schema.faultStream();
        if ("none".equals(redis.type(key))) {
            return CheckResult.passed(Section.SYSTEM_STATE, "fault stream", key + " absent: no trip recorded");
        }
        long length = redis.xlen(key);
        List<StreamEntry> newest = redis.xrevrange(key, "+", "-", 1);
        String last = newest.isEmpty() ? "none" : newest.get(0).getID() + " " + newest.get(0).getFields();
        return CheckResult.passed(Section.SYSTEM_STATE, "fault stream", "XLEN " + key + " = " + length
                + "; newest: " + last);
    }

    private CheckResult kernelCounters() {
        Map<String, String> decisions = hash(schema.decisionCounters());
        Map<String, String> totals = hash(schema.kernelTotals());
        List<String> bad = new ArrayList<>();
        decisions.forEach((k, v) -> checkLong(schema.decisionCounters(), k, v, bad));
        totals.forEach((k, v) -> checkLong(schema.kernelTotals(), k, v, bad));
        String evidence = "decisions " + decisions + "; totals " + totals;
        return bad.isEmpty() ? CheckResult.passed(Section.SYSTEM_STATE, "kernel counters", evidence)
                : CheckResult.failed(Section.SYSTEM_STATE, "kernel counters", evidence + "; not integers: " + bad,
                "the exporter counts and skips these fields; find what wrote them");
    }

    private Map<String, String> hash(String key) {
        return "hash".equals(redis.type(key)) ? redis.hgetAll(key) : Map.of();
    }

    private static void checkLong(String key, String field, String value, List<String> bad) {
        try {
            Long.parseLong(value);
        } catch (NumberFormatException e) {
            bad.add(key + "." + field + "=" + value);
        }
    }
}
