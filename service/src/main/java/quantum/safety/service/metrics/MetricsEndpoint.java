package quantum.safety.service.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** {@code /metrics}: the registry in the format the scraper asks for (Prometheus text, or OpenMetrics). */
public final class MetricsEndpoint {

    /** What one scrape answers. */
    public record Exposition(String contentType, byte[] body) {
    }

    private final PrometheusRegistry registry;
    private final ExpositionFormats formats = ExpositionFormats.init();

    public MetricsEndpoint(PrometheusRegistry registry) {
        this.registry = registry;
    }

    public Exposition scrape(String acceptHeader) {
        ExpositionFormatWriter writer = formats.findWriter(acceptHeader);
        if (!writer.isAvailable()) {
            writer = formats.getPrometheusTextFormatWriter();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Exposition(writer.getContentType(), out.toByteArray());
    }
}
