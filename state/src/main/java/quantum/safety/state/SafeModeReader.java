package quantum.safety.state;

import java.util.Map;
import java.util.OptionalLong;

import quantum.safety.kernel.FlagState;
import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/** Reads {@link SafeModeState}: TYPE and GET of the flag, its TTL and the info hash, all on the caller's pipeline. */
record SafeModeReader(RedisSchema schema, FlagRead flag, Response<Long> ttl, Response<Map<String, String>> info) {

    static SafeModeReader queue(AbstractPipeline pipeline, RedisSchema schema) {
        return new SafeModeReader(schema, FlagRead.queue(pipeline, schema.safeMode()), pipeline.ttl(schema.safeMode()),
                pipeline.hgetAll(schema.safeModeInfo()));
    }

    SafeModeState finish() {
        Problems problems = new Problems();
        FlagState state = flag.state(problems);
        // TTL is -2 for a missing key and -1 for a key without expiry; both mean "no expiry" here.
        OptionalLong seconds = problems.failed(ttl, "TTL " + schema.safeMode())
                ? OptionalLong.empty() : OptionalLong.of(Math.max(-1, ttl.get()));
        Map<String, String> fields = problems.reply(info, "HGETALL " + schema.safeModeInfo()).orElse(Map.of());
        return new SafeModeState(state, seconds, fields, problems.lines());
    }
}
