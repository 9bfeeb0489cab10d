package quantum.safety.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    @Test
    void readsPrometheusStyleDurations() {
        assertThat(DurationConverter.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationConverter.parse("10")).isEqualTo(Duration.ofSeconds(10));
        assertThat(DurationConverter.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void refusesGarbageWithAnExample() {
        assertThatThrownBy(() -> DurationConverter.parse("ten seconds"))
                .isInstanceOf(TypeConversionException.class).hasMessageContaining("e.g. 500ms");
        assertThatThrownBy(() -> DurationConverter.parse("5x")).isInstanceOf(TypeConversionException.class);
    }
}
