package quantum.safety.exporter.collect;

import quantum.safety.kernel.FlagState;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/**
 * SAFE MODE: the flag {@code safety:safe_mode} and its TTL.
 *
 * <p>A flag without TTL is latched: it stays on until someone clears it, whether the kernel latched it or an operator
 * set it by hand.
 */
public final class SafeModeCollector implements RedisCollector {

    public static final String NAME = "safe_mode";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Finisher plan(AbstractPipeline pipeline, CollectContext context) {
        String key = context.schema().safeMode();
        FlagRead flag = FlagRead.queue(pipeline, key);
        Response<Long> ttl = pipeline.ttl(key);
        return (redis, out) -> {
            FlagState state = flag.state(out::problem);
            out.add(Snapshots.gauge("quantum_safety_safe_mode", "1 while SAFE MODE is on (the flag holds anything "
                    + "but \"0\", or is a key of another type), else 0 (absent or \"0\").", state.on() ? 1 : 0));
            out.add(FlagRead.unclearGauge(NAME, state));
            if (Replies.failed(ttl, out, "TTL " + key)) {
                return;
            }
            long seconds = ttl.get();
            // TTL is -2 for a missing key and -1 for a key without expiry; the legacy gauge shows -1 for both.
            out.add(Snapshots.gaugeSeconds("quantum_safety_safe_mode_ttl_seconds",
                    "Seconds until the SAFE MODE flag expires; -1 when it is absent or has no TTL.",
                    seconds < 0 ? -1 : seconds));
            out.add(Snapshots.gauge("quantum_safety_safe_mode_latched",
                    "1 while SAFE MODE is on without a TTL (latched by the kernel or set by hand), else 0.",
                    state.on() && seconds == -1 ? 1 : 0));
        };
    }
}
