package quantum.safety.exporter.collect;

import java.util.List;
import java.util.function.ToIntFunction;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.Unit;
import quantum.safety.kernel.PublishedSettings;
import quantum.safety.state.LiveKernels;
import quantum.safety.state.StateRead;

/**
 * The settings each live kernel decides with, as it published them in {@code safety:kernels}: one
 * {@code quantum_safety_kernel_info} series per kernel and its window and limits as gauges by {@code kernel_id}, so
 * that a dashboard shows the limits really in use and {@code QuantumSafetyKernelConfigDrift} sees kernels that share
 * one Redis (the same counters) with different limits. No kernel published: no series (older kernels do not publish).
 */
public final class KernelSettingsCollector implements RedisCollector {

    public static final String NAME = "kernels";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void render(StateRead read, CollectorOutput out) {
        LiveKernels kernels = read.kernels();
        out.problems(kernels.problems());
        if (!kernels.readable()) {
            return;
        }
        List<PublishedSettings> live = kernels.kernels();
        out.add(info(live));
        out.add(gauge("quantum_safety_kernel_window_seconds", Unit.SECONDS,
                "Rate window each live kernel counts in (its published settings).", live,
                PublishedSettings::windowSeconds));
        out.add(gauge("quantum_safety_kernel_global_max", null,
                "Intents per window, all symbols, each live kernel allows before a trip.", live,
                PublishedSettings::globalMax));
        out.add(gauge("quantum_safety_kernel_symbol_max", null,
                "Intents per window for one symbol each live kernel allows before a trip.", live,
                PublishedSettings::symbolMax));
        out.add(gauge("quantum_safety_kernel_reduce_only_symbol_max", null,
                "Reduce-only intents of one symbol per window each live kernel lets through SAFE MODE.", live,
                PublishedSettings::reduceOnlySymbolMax));
        out.add(gauge("quantum_safety_kernel_reduce_only_global_max", null,
                "Reduce-only intents of all symbols per window each live kernel lets through SAFE MODE.", live,
                PublishedSettings::reduceOnlyGlobalMax));
        out.add(gauge("quantum_safety_kernel_cooldown_seconds", Unit.SECONDS,
                "SAFE MODE cooldown of a trip by each live kernel (the first trip's, when it escalates).", live,
                PublishedSettings::cooldownSeconds));
    }

    private static InfoSnapshot info(List<PublishedSettings> live) {
        InfoSnapshot.Builder builder = InfoSnapshot.builder().name("quantum_safety_kernel")
                .help("One series per live kernel with the policies it published (value 1).");
        for (PublishedSettings k : live) {
            builder.dataPoint(InfoDataPointSnapshot.builder().labels(Labels.of("kernel_id", k.kernelId(),
                    "version", k.version(), "fail_policy", k.failPolicy(), "reduce_only", k.reduceOnly(),
                    "latched", k.latchedTrips() ? "true" : "false", "escalating",
                    k.maxCooldownSeconds() > 0 ? "true" : "false")).build());
        }
        return builder.build();
    }

    private static GaugeSnapshot gauge(String name, Unit unit, String help, List<PublishedSettings> live,
                                       ToIntFunction<PublishedSettings> value) {
        GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(help);
        if (unit != null) {
            builder.unit(unit);
        }
        for (PublishedSettings k : live) {
            builder.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("kernel_id", k.kernelId()))
                    .value(value.applyAsInt(k)).build());
        }
        return builder.build();
    }
}
