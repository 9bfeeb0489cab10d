package quantum.safety.kernel.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SettingTest {

    @Test
    void theShownDefaultIsTheStatedTextElseTheValueElseEmptyOrNone() {
        assertThat(Setting.builder().flag("--a").defaultValue("10").help("h").build().shownDefault()).isEqualTo("10");
        assertThat(Setting.builder().flag("--a").defaultValue("").help("h").build().shownDefault()).isEqualTo("empty");
        assertThat(Setting.builder().flag("--a").help("h").build().shownDefault()).isEqualTo("none");
        assertThat(Setting.builder().flag("--a").shownDefault("--b").help("h").build().shownDefault()).isEqualTo("--b");
    }

    @Test
    void envNamesListTheNewNameFirst() {
        Setting setting = Setting.builder().env("NEW").legacyEnv("OLD").help("h").build();

        assertThat(setting.envNames()).containsExactly("NEW", "OLD");
        assertThat(setting.name()).isEqualTo("NEW");
        assertThat(setting.flag()).isEmpty();
    }

    @Test
    void toBuilderCopiesEveryValue() {
        Setting setting = Setting.builder().flag("--window").env("NEW").legacyEnv("OLD").defaultValue("10")
                .shownDefault("ten").unit("seconds").help("h").build();

        assertThat(setting.toBuilder().build()).isEqualTo(setting);
        assertThat(setting.toBuilder().help("other").build().help()).isEqualTo("other");
    }

    @Test
    void badDeclarationsAreRefused() {
        assertThatThrownBy(() -> Setting.builder().help("h").build()).hasMessageContaining("needs a flag");
        assertThatThrownBy(() -> Setting.builder().flag("-w").help("h").build()).hasMessageContaining("'-w'");
        assertThatThrownBy(() -> Setting.builder().env("lower").help("h").build()).hasMessageContaining("'lower'");
        assertThatThrownBy(() -> Setting.builder().flag("--a").build()).hasMessageContaining("--a: the help");
        assertThatThrownBy(() -> Setting.builder().flag("--a").help("two\nlines").build())
                .hasMessageContaining("one line");
    }
}
