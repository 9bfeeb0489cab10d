package quantum.safety.service.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import quantum.safety.kernel.OperationResult;
import quantum.safety.kernel.SafetyOperations;

/**
 * The audited operations over HTTP, as {@code ctl} has them: {@code POST /v1/safe-mode}
 * ({@code {"engaged":true,"ttl_seconds":600,"reason":"…"}}, {@code {"engaged":true,"latched":true,"reason":"…"}} or
 * {@code {"engaged":false,"reason":"…"}}) and {@code POST /v1/kill-switch} ({@code {"engaged":true|false,"reason":"…"}}).
 * The actor is who authenticated, never a field of the body, so the audit trail names who really asked.
 */
public final class OperationRequests {

    private static final Set<String> SAFE_MODE_FIELDS = Set.of("engaged", "ttl_seconds", "latched", "reason");
    private static final Set<String> KILL_SWITCH_FIELDS = Set.of("engaged", "reason");

    private final SafetyOperations operations;

    public OperationRequests(SafetyOperations operations) {
        this.operations = operations;
    }

    /** Applies a SAFE MODE change; Redis failures propagate (the change did not happen). */
    public byte[] safeMode(byte[] body, String actor) {
        JsonNode root = IntentReader.object(IntentReader.parse(body), "the body");
        IntentReader.unknownFields(root, SAFE_MODE_FIELDS, "");
        boolean engaged = engaged(root);
        String reason = reason(root);
        JsonNode ttl = root.get("ttl_seconds");
        boolean latched = root.path("latched").asBoolean(false);
        if (root.has("latched") && !root.get("latched").isBoolean()) {
            throw new BadRequest("latched must be true or false");
        }
        if (!engaged) {
            if (ttl != null || latched) {
                throw new BadRequest("ttl_seconds and latched only apply when engaging SAFE MODE");
            }
            return answer(apply(() -> operations.clearSafeMode(actor, reason)));
        }
        if ((ttl == null) == !latched) {
            throw new BadRequest("give either ttl_seconds (SAFE MODE switches off by itself) or \"latched\": true "
                    + "(stays on until cleared)");
        }
        if (ttl != null && (!ttl.canConvertToLong() || !ttl.isIntegralNumber() || ttl.asLong() < 1)) {
            throw new BadRequest("ttl_seconds must be a whole number of seconds, at least 1");
        }
        Optional<Duration> length = ttl == null ? Optional.empty() : Optional.of(Duration.ofSeconds(ttl.asLong()));
        return answer(apply(() -> operations.setSafeMode(length, actor, reason)));
    }

    /** Engages or releases the kill switch; Redis failures propagate (the change did not happen). */
    public byte[] killSwitch(byte[] body, String actor) {
        JsonNode root = IntentReader.object(IntentReader.parse(body), "the body");
        IntentReader.unknownFields(root, KILL_SWITCH_FIELDS, "");
        boolean engaged = engaged(root);
        String reason = reason(root);
        return answer(apply(() -> engaged ? operations.engageKillSwitch(actor, reason)
                : operations.releaseKillSwitch(actor, reason)));
    }

    private static boolean engaged(JsonNode root) {
        JsonNode engaged = root.get("engaged");
        if (engaged == null || !engaged.isBoolean()) {
            throw new BadRequest("\"engaged\" must be true or false");
        }
        return engaged.booleanValue();
    }

    private static String reason(JsonNode root) {
        JsonNode reason = root.get("reason");
        if (reason == null || !reason.isTextual() || reason.textValue().isBlank()) {
            throw new BadRequest("\"reason\" is required: say why, e.g. \"maintenance window\"");
        }
        return reason.textValue();
    }

    /** The kernel refuses bad actors and reasons (length, control characters) with IllegalArgumentException. */
    private static OperationResult apply(Supplier<OperationResult> operation) {
        try {
            return operation.get();
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    private static byte[] answer(OperationResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("operation", result.event().name().toLowerCase(Locale.ROOT));
        json.put("changed", !result.wasAlready());
        json.put("previous", result.previousValue());
        json.put("actor", result.actor());
        json.put("reason", result.reason());
        json.put("timestamp", result.timestamp());
        json.put("audit_id", result.auditId());
        json.put("audit_lost", result.auditLost());
        return DecisionJson.write(json);
    }
}
