package quantum.safety.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import quantum.safety.kernel.PublishedSettings;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.Text;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/** Reads {@link LiveKernels}: HGETALL of {@code safety:kernels}, entries expired on the server's clock left out. */
record LiveKernelsReader(String key, Response<Map<String, String>> entries) {

    private static final int MAX_ID_LENGTH = 128;

    static LiveKernelsReader queue(AbstractPipeline pipeline, RedisSchema schema) {
        return new LiveKernelsReader(schema.kernelSettings(), pipeline.hgetAll(schema.kernelSettings()));
    }

    /** @param nowMillis the Redis server's time of the read */
    LiveKernels finish(long nowMillis) {
        Problems problems = new Problems();
        if (problems.failed(entries, "HGETALL " + key)) {
            return new LiveKernels(false, List.of(), problems.lines());
        }
        return of(key, entries.get(), nowMillis, problems);
    }

    static LiveKernels of(String key, Map<String, String> entries, long nowMillis, Problems problems) {
        List<PublishedSettings> live = new ArrayList<>();
        new TreeMap<>(entries).forEach((kernelId, value) -> {
            try {
                // Every reader prints the id: one a kernel could not have (white space, control or bidi characters,
                // very long) is refused like garbage.
                if (kernelId.isEmpty() || kernelId.chars().anyMatch(Character::isWhitespace)) {
                    throw new IllegalArgumentException("the kernel id is empty or has white space");
                }
                Text.requirePlain("the kernel id", kernelId, MAX_ID_LENGTH);
                PublishedSettings settings = PublishedSettings.parse(kernelId, value);
                if (settings.expiresAt() * 1000 > nowMillis) {
                    live.add(settings);
                }
            } catch (IllegalArgumentException e) {
                problems.add(key + " entry of kernel " + Text.quote(kernelId) + ": " + e.getMessage());
            }
        });
        if (live.size() > LiveKernels.MAX_KERNELS) {
            problems.add(key + " has " + live.size() + " live kernels; the first " + LiveKernels.MAX_KERNELS
                    + " by id are shown");
        }
        // Kernels that disagree are no problem with the data: the status says so and an alert fires on it.
        return new LiveKernels(true, live, problems.lines());
    }
}
