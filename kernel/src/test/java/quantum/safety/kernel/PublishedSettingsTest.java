package quantum.safety.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PublishedSettingsTest {

    private static final KernelConfig DEMO = KernelConfig.builder().kernelId("demo").windowSeconds(5).globalMax(30)
            .symbolMax(10).cooldownSeconds(60).escalateCooldown(true).maxCooldownSeconds(600)
            .failPolicy(FailPolicy.OPEN).reduceOnlySymbolMax(2).build();

    @Test
    void theLineNamesEverySettingAReaderShowsAndReadsBackWithTheScriptsTimes() {
        PublishedSettings settings = PublishedSettings.of(DEMO);

        String line = settings.encode();
        assertThat(line).startsWith("window_sec=5 global_max=30 symbol_max=10 reduce_only=allow "
                + "reduce_only_symbol_max=2 reduce_only_global_max=30 cooldown_sec=60 max_cooldown_sec=600 latched=0 "
                + "fail_policy=open version=");
        PublishedSettings read = PublishedSettings.parse("demo", line + " published_at=100 expires_at=160");
        assertThat(read).isEqualTo(new PublishedSettings("demo", settings.version(), 5, 30, 10, 2, 30, "allow", 60,
                600, false, "open", 100, 160));
        assertThat(read.sameLimits(settings)).isTrue();
    }

    @Test
    void aCooldownThatDoesNotEscalatePublishesNoCap() {
        PublishedSettings settings = PublishedSettings.of(KernelConfig.builder().kernelId("k").latchedTrips(true)
                .reduceOnlyPassesSafeMode(false).build());

        assertThat(settings.encode()).contains(" max_cooldown_sec=0 latched=1 ").contains(" reduce_only=block ")
                .contains(" fail_policy=closed ");
    }

    @Test
    void unknownNamesAreIgnoredSoALaterVersionMayAddSome() {
        PublishedSettings read = PublishedSettings.parse("k", PublishedSettings.of(DEMO).encode()
                + " shard=eu-1 published_at=1 expires_at=2");

        assertThat(read.windowSeconds()).isEqualTo(5);
    }

    @Test
    void aMissingOrGarbledFieldIsRefusedNamingTheFieldNotTheValue() {
        String line = PublishedSettings.of(DEMO).encode() + " published_at=1 expires_at=2";

        assertThatThrownBy(() -> PublishedSettings.parse("k", line.replace("window_sec=5", "window_sec=secret")))
                .hasMessage("field window_sec is not a whole number");
        assertThatThrownBy(() -> PublishedSettings.parse("k", line.replace("global_max=30", "global_max=0")))
                .hasMessage("field global_max is out of range");
        assertThatThrownBy(() -> PublishedSettings.parse("k", line.replace(" expires_at=2", "")))
                .hasMessage("field expires_at is missing");
        assertThatThrownBy(() -> PublishedSettings.parse("k", line.replace("fail_policy=open", "fail_policy=maybe")))
                .hasMessage("field fail_policy is not one of closed, open");
        assertThatThrownBy(() -> PublishedSettings.parse("k", null)).hasMessageContaining("missing");
    }

    @Test
    void theVersionIsOneTokenWhateverTheJarSays() {
        PublishedSettings odd = new PublishedSettings("k", "1.0 beta=2", 10, 20, 5, 5, 20, "allow", 300, 0, false,
                "closed", 0, 0);

        assertThat(odd.version()).isEqualTo("1.0_beta_2");
        assertThat(PublishedSettings.parse("k", odd.encode() + " published_at=1 expires_at=2").version())
                .isEqualTo("1.0_beta_2");
    }

    @Test
    void limitsDifferWhenAnyCountOrTheWindowDiffers() {
        PublishedSettings demo = PublishedSettings.of(DEMO);
        PublishedSettings otherCooldown = PublishedSettings.of(KernelConfig.builder().kernelId("other").windowSeconds(5)
                .globalMax(30).symbolMax(10).reduceOnlySymbolMax(2).cooldownSeconds(900).build());
        PublishedSettings otherWindow = PublishedSettings.of(KernelConfig.builder().kernelId("other").windowSeconds(10)
                .globalMax(30).symbolMax(10).reduceOnlySymbolMax(2).build());

        assertThat(demo.sameLimits(otherCooldown)).isTrue();
        assertThat(demo.sameLimits(otherWindow)).isFalse();
    }
}
