package quantum.safety.ops.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ExpositionTest {

    @Test
    void readsNamesLabelsWithEscapesAndSpecialValues() {
        Exposition e = Exposition.parse("""
                # HELP x help
                # TYPE x gauge
                x 1
                y{a="1",b="q\\"uote",c="new\\nline"} 2.5 1712345678000
                z_info{version="1"} +Inf
                broken{a=1} 3
                """);
        assertThat(e.value("x")).contains(1.0);
        assertThat(e.named("y").get(0).labels()).isEqualTo(Map.of("a", "1", "b", "q\"uote", "c", "new\nline"));
        assertThat(e.named("y").get(0).value()).isEqualTo(2.5);
        assertThat(e.value("z_info")).contains(Double.POSITIVE_INFINITY);
        assertThat(e.names()).containsExactly("x", "y", "z_info");
    }
}
