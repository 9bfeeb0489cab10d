package quantum.safety.exporter.collect;

import java.util.Map;
import java.util.function.Consumer;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import quantum.safety.kernel.FlagState;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/**
 * Reads the SAFE MODE flag or the kill switch with the kernel's rule ({@link FlagState}), for the collectors, the
 * status page, {@code ctl} and the demo alike.
 *
 * <p>TYPE travels with GET on the caller's pipeline, so the read costs no extra round trip, and a key of another type
 * comes back as "on, holds a hash" instead of a WRONGTYPE error that would leave the state unknown.
 */
public final class FlagRead {

    /** Family that says a flag counts as on only by the fail-safe rule; both flag collectors add to it. */
    public static final String UNCLEAR_FAMILY = "quantum_safety_flag_unclear";

    private final String key;
    private final Response<String> type;
    private final Response<String> value;

    private FlagRead(String key, Response<String> type, Response<String> value) {
        this.key = key;
        this.type = type;
        this.value = value;
    }

    /** Queues TYPE and GET of {@code key}; call {@link #state} once the pipeline has synced. */
    public static FlagRead queue(AbstractPipeline pipeline, String key) {
        Response<String> type = pipeline.type(key);
        Response<String> value = pipeline.get(key);
        return new FlagRead(key, type, value);
    }

    /**
     * The flag as the kernel reads it. What is wrong with the data goes to {@code problems}, one line each, naming
     * the key but never its value (the problems are logged): an unclear flag, or a reply Redis refused.
     */
    public FlagState state(Consumer<String> problems) {
        String typeError = Replies.error(type);
        if (typeError != null) {
            problems.accept("TYPE " + key + ": " + typeError);
        }
        String seenType = typeError == null ? type.get() : null;
        String valueError = Replies.error(value);
        FlagState state;
        if (valueError == null) {
            state = FlagState.of(seenType, value.get());
        } else {
            if (!valueError.startsWith("WRONGTYPE")) {
                problems.accept("GET " + key + ": " + valueError);
            }
            // A flag nobody can read is not "off": the kernel itself never takes an unreadable flag for off.
            boolean otherType = seenType != null && !seenType.equals("string") && !seenType.equals("none");
            state = FlagState.ofWrongType(otherType ? seenType : null);
        }
        if (state.unclear()) {
            problems.accept(problem(key, state));
        }
        return state;
    }

    /** One series of {@link #UNCLEAR_FAMILY}: 1 when {@code state} is on only by the fail-safe rule. */
    public static GaugeSnapshot unclearGauge(String flag, FlagState state) {
        return Snapshots.gaugeByLabel(UNCLEAR_FAMILY, "1 while the flag (safe_mode or kill_switch) holds something "
                + "other than absent, \"0\" or \"1\" (another string, or a key of another type), which the kernel "
                + "reads as on; else 0.", "flag", Map.of(flag, state.unclear() ? 1 : 0));
    }

    private static String problem(String key, FlagState state) {
        return state.kind() == FlagState.Kind.WRONG_TYPE
                ? key + " holds a " + state.value() + ", not a string; the kernel reads it as on"
                : key + " holds neither \"1\" nor \"0\"; the kernel reads any value but \"0\" as on";
    }
}
