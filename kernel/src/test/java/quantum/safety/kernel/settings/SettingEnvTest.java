package quantum.safety.kernel.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SettingEnvTest {

    private static final Setting WINDOW = Setting.builder().flag("--window").env("NEW_WINDOW").legacyEnv("OLD_WINDOW")
            .defaultValue("10").help("Rate window.").build();

    @Test
    void theNewNameWinsAndTheLegacyNameKeepsWorking() {
        assertThat(SettingEnv.of(Map.of("NEW_WINDOW", "15", "OLD_WINDOW", "30")).value(WINDOW))
                .contains(new SettingEnv.Value("NEW_WINDOW", "15"));
        assertThat(SettingEnv.of(Map.of("OLD_WINDOW", "30")).value(WINDOW))
                .contains(new SettingEnv.Value("OLD_WINDOW", "30"));
        assertThat(SettingEnv.of(Map.of()).value(WINDOW)).isEmpty();
    }

    @Test
    void blankCountsAsUnsetAndValuesAreTrimmed() {
        assertThat(SettingEnv.of(Map.of("NEW_WINDOW", "  ", "OLD_WINDOW", " 30 ")).value(WINDOW))
                .contains(new SettingEnv.Value("OLD_WINDOW", "30"));
    }

    @Test
    void exactKeepsWhiteSpaceAndOnlyEmptyCountsAsUnset() {
        assertThat(SettingEnv.of(Map.of("NEW_WINDOW", "", "OLD_WINDOW", " 30 ")).exact(WINDOW))
                .contains(new SettingEnv.Value("OLD_WINDOW", " 30 "));
        assertThat(SettingEnv.of(Map.of("NEW_WINDOW", " ")).exact(WINDOW))
                .contains(new SettingEnv.Value("NEW_WINDOW", " "));
    }
}
