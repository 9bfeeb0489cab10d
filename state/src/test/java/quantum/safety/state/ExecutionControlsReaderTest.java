package quantum.safety.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import redis.clients.jedis.Jedis;

class ExecutionControlsReaderTest extends StateTestBase {

    private ExecutionControls read() {
        return queued(p -> ExecutionControlsReader.queue(p, SCHEMA)).finish();
    }

    @Test
    void nothingSetIsReleasedUnsetAndGovernorOff() {
        ExecutionControls controls = read();
        assertThat(controls.killSwitch().on()).isFalse();
        assertThat(controls.mode().absent()).isTrue();
        assertThat(controls.mode().text()).isEmpty();
        assertThat(controls.governorEnabled()).hasValue(false);
        assertThat(controls.problems()).isEmpty();
    }

    @Test
    void valuesAreKeptAsStoredAndTheGovernorIsReadInAnyCase() {
        try (Jedis jedis = jedis()) {
            jedis.set(SCHEMA.executionMode(), " LIVE ");
            jedis.set(SCHEMA.governorGate(), "enabled");
        }
        ExecutionControls controls = read();
        assertThat(controls.mode().value()).hasValue(" LIVE ");
        assertThat(controls.mode().text()).hasValue("LIVE");
        assertThat(controls.governorEnabled()).hasValue(true);
        assertThat(controls.problems()).isEmpty();
    }

    @Test
    void aGovernorThatSaysNeitherIsAProblemWithoutAValue() {
        try (Jedis jedis = jedis()) {
            jedis.set(SCHEMA.governorGate(), "SOMETIMES");
        }
        ExecutionControls controls = read();
        assertThat(controls.governorEnabled()).isEmpty();
        assertThat(controls.governor().text()).hasValue("SOMETIMES");
        assertThat(controls.problems()).singleElement().asString().contains(SCHEMA.governorGate())
                .doesNotContain("SOMETIMES");
    }

    @Test
    void aModeOfAnotherTypeIsKnownAsSuchAndTheOtherControlsAreStillRead() {
        try (Jedis jedis = jedis()) {
            jedis.rpush(SCHEMA.executionMode(), "LIVE");
            jedis.set(SCHEMA.killSwitch(), "1");
        }
        ExecutionControls controls = read();
        assertThat(controls.mode().readable()).isFalse();
        assertThat(controls.mode().type()).isEqualTo("list");
        assertThat(controls.mode().absent()).isFalse();
        assertThat(controls.killSwitch().on()).isTrue();
        assertThat(controls.problems()).singleElement().asString().contains("GET " + SCHEMA.executionMode(), "WRONGTYPE");
    }
}
