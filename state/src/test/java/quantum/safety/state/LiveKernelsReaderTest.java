package quantum.safety.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import quantum.safety.kernel.KernelConfig;
import quantum.safety.kernel.PublishedSettings;
import redis.clients.jedis.Jedis;

class LiveKernelsReaderTest extends StateTestBase {

    private static final long NOW = NOW_MILLIS / 1000;
    private static final StatusLimits CONFIGURED = StatusLimits.builder().kernel(KernelConfig.defaults()).build();

    /** What a kernel with these limits writes, alive until {@code expiresAt} (server seconds). */
    static String entry(int window, int globalMax, int symbolMax, long expiresAt) {
        return PublishedSettings.of(KernelConfig.builder().kernelId("x").windowSeconds(window).globalMax(globalMax)
                .symbolMax(symbolMax).build()).encode() + " published_at=" + (expiresAt - 60) + " expires_at=" + expiresAt;
    }

    private LiveKernels read() {
        return queued(p -> LiveKernelsReader.queue(p, SCHEMA)).finish(NOW_MILLIS);
    }

    @Test
    void noKernelPublishedLeavesTheToolsOwnLimitsAndSaysSo() {
        LiveKernels kernels = read();

        assertThat(kernels.readable()).isTrue();
        assertThat(kernels.source()).isEqualTo(LiveKernels.LimitsSource.CONFIGURATION);
        assertThat(kernels.limits(CONFIGURED)).isEqualTo(CONFIGURED);
        assertThat(kernels.limitsNote()).isEqualTo("no kernel has published its settings; limits from this tool's "
                + "configuration");
    }

    @Test
    void theLiveKernelsLimitsReplaceTheToolsAndExpiredEntriesAreIgnoredOnTheServersClock() {
        try (Jedis jedis = jedis()) {
            jedis.hset(SCHEMA.kernelSettings(), Map.of("demo", entry(5, 30, 10, NOW + 1),
                    "gone", entry(60, 1, 1, NOW)));
        }
        LiveKernels kernels = read();

        assertThat(kernels.kernels()).extracting(PublishedSettings::kernelId).containsExactly("demo");
        assertThat(kernels.source()).isEqualTo(LiveKernels.LimitsSource.KERNELS);
        assertThat(kernels.limits(CONFIGURED)).isEqualTo(new StatusLimits(5, 30, 10, 5, 5));
        assertThat(kernels.limitsNote()).isEqualTo("limits of kernel demo");
        assertThat(kernels.problems()).isEmpty();
    }

    @Test
    void kernelsThatDisagreeAreShownAgainstTheLimitsMostOfThemUse() {
        try (Jedis jedis = jedis()) {
            jedis.hset(SCHEMA.kernelSettings(), Map.of("router-a", entry(10, 20, 5, NOW + 30),
                    "router-b", entry(5, 30, 10, NOW + 30), "router-c", entry(5, 30, 10, NOW + 30)));
        }
        LiveKernels kernels = read();

        assertThat(kernels.source()).isEqualTo(LiveKernels.LimitsSource.KERNELS_DISAGREE);
        assertThat(kernels.reference()).map(PublishedSettings::kernelId).hasValue("router-b");
        assertThat(kernels.limits(CONFIGURED).windowSeconds()).isEqualTo(5);
        assertThat(kernels.limitsNote()).isEqualTo("kernels disagree on their limits (router-a 10s 20/5, "
                + "router-b 5s 30/10, router-c 5s 30/10); shown against those of router-b");
        // Drift is a finding of its own (an alert), not bad data: no problem line that would fail a collector.
        assertThat(kernels.problems()).isEmpty();
    }

    @Test
    void aTieGoesToTheFirstKernelId() {
        try (Jedis jedis = jedis()) {
            jedis.hset(SCHEMA.kernelSettings(), Map.of("b", entry(10, 20, 5, NOW + 30), "a", entry(5, 30, 10, NOW + 30)));
        }
        assertThat(read().reference()).map(PublishedSettings::kernelId).hasValue("a");
    }

    @Test
    void anIdNoKernelCouldHaveIsAProblemShownEscaped() {
        try (Jedis jedis = jedis()) {
            jedis.hset(SCHEMA.kernelSettings(), Map.of("good", entry(5, 30, 10, NOW + 30),
                    "bad\u202Eone", "window_sec=hunter2 expires_at=" + (NOW + 30)));
        }
        LiveKernels kernels = read();

        assertThat(kernels.kernels()).extracting(PublishedSettings::kernelId).containsExactly("good");
        assertThat(kernels.problems()).singleElement().asString().contains(SCHEMA.kernelSettings(), "U+202E")
                .doesNotContain("hunter2").doesNotContain("\u202E");
    }

    @Test
    void aGarbledValueIsAProblemNamingTheFieldNeverTheValue() {
        try (Jedis jedis = jedis()) {
            jedis.hset(SCHEMA.kernelSettings(), "router", "window_sec=hunter2 expires_at=" + (NOW + 30));
        }
        assertThat(read().problems()).singleElement().asString().contains("'router'", "window_sec")
                .doesNotContain("hunter2");
    }

    @Test
    void aKeyOfAnotherTypeIsUnreadableAndFallsBackToTheTool() {
        try (Jedis jedis = jedis()) {
            jedis.set(SCHEMA.kernelSettings(), "oops");
        }
        LiveKernels kernels = read();

        assertThat(kernels.readable()).isFalse();
        assertThat(kernels.limits(CONFIGURED)).isEqualTo(CONFIGURED);
        assertThat(kernels.limitsNote()).startsWith("the kernels' settings are unreadable");
        assertThat(kernels.problems()).singleElement().asString().contains("WRONGTYPE");
    }

    @Test
    void atMostSixtyFourKernelsAreKept() {
        try (Jedis jedis = jedis()) {
            for (int i = 0; i < 70; i++) {
                jedis.hset(SCHEMA.kernelSettings(), String.format("k%02d", i), entry(10, 20, 5, NOW + 30));
            }
        }
        LiveKernels kernels = read();

        assertThat(kernels.kernels()).hasSize(LiveKernels.MAX_KERNELS);
        assertThat(kernels.problems()).singleElement().asString().contains("70 live kernels");
    }
}
