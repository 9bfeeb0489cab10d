package quantum.safety.state;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import quantum.safety.kernel.PublishedSettings;

/**
 * The kernels that published the settings they decide with ({@code safety:kernels}) and whose entries have not expired
 * on the Redis server's clock: what every reader shows the rate windows against, instead of guessing the limits from
 * its own environment. When none has published (kernels older than this version, or none running) a reader falls
 * back to its own configuration and says so ({@link LimitsSource#CONFIGURATION}).
 *
 * @param readable false when the hash could not be read (a key of another type); {@code kernels} is then empty
 * @param kernels  the live kernels by kernel id, at most {@link #MAX_KERNELS}
 * @param problems entries that are not what a kernel writes, and the read's own errors
 */
public record LiveKernels(boolean readable, List<PublishedSettings> kernels, List<String> problems) {

    /** Kernels shown and exported at most: each is a label value, and garbage could hold thousands. */
    public static final int MAX_KERNELS = 64;

    public LiveKernels {
        kernels = kernels.stream().sorted(Comparator.comparing(PublishedSettings::kernelId)).limit(MAX_KERNELS).toList();
        problems = List.copyOf(problems);
    }

    /** Where the limits a status shows come from. */
    public enum LimitsSource {
        /** Every live kernel published the same window and limits. */
        KERNELS,
        /** Live kernels published different windows or limits; the status shows those most of them use. */
        KERNELS_DISAGREE,
        /** No live kernel published its settings: the reading tool's own configuration. */
        CONFIGURATION
    }

    public LimitsSource source() {
        if (kernels.isEmpty()) {
            return LimitsSource.CONFIGURATION;
        }
        return kernels.stream().allMatch(k -> k.sameLimits(kernels.get(0))) ? LimitsSource.KERNELS
                : LimitsSource.KERNELS_DISAGREE;
    }

    /**
     * The settings a status counts against: those of the most kernels (ties: of the first kernel id among them),
     * empty when no kernel published.
     */
    public Optional<PublishedSettings> reference() {
        Map<PublishedSettings, Long> groups = new LinkedHashMap<>();
        for (PublishedSettings kernel : kernels) {
            PublishedSettings group = groups.keySet().stream().filter(kernel::sameLimits).findFirst().orElse(kernel);
            groups.merge(group, 1L, Long::sum);
        }
        return groups.entrySet().stream().max(Map.Entry.<PublishedSettings, Long>comparingByValue()
                .thenComparing(e -> e.getKey().kernelId(), Comparator.reverseOrder())).map(Map.Entry::getKey);
    }

    /** {@code configured} with the window and limits of {@link #reference()}, when a kernel published them. */
    public StatusLimits limits(StatusLimits configured) {
        return reference().map(k -> new StatusLimits(k.windowSeconds(), k.globalMax(), k.symbolMax(),
                configured.lastFaults(), configured.topSymbols())).orElse(configured);
    }

    /** One line that says where the limits come from, the same in every reader. */
    public String limitsNote() {
        return switch (source()) {
            case CONFIGURATION -> readable ? "no kernel has published its settings; limits from this tool's configuration"
                    : "the kernels' settings are unreadable (see the problems); limits from this tool's configuration";
            case KERNELS -> "limits of " + (kernels.size() == 1 ? "kernel " + kernels.get(0).kernelId()
                    : "all " + kernels.size() + " live kernels");
            case KERNELS_DISAGREE -> "kernels disagree on their limits (" + describe() + "); shown against those of "
                    + reference().map(PublishedSettings::kernelId).orElse("none");
        };
    }

    /** {@code id 5s 30/10, id 10s 20/5}: each kernel's window and limits, for a problem line or a log. */
    public String describe() {
        return kernels.stream().map(k -> k.kernelId() + " " + k.windowSeconds() + "s " + k.globalMax() + "/"
                + k.symbolMax()).collect(Collectors.joining(", "));
    }
}
