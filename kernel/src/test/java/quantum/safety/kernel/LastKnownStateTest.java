package quantum.safety.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The state a stalled Redis leaves the kernel with: what was last seen on, until it is seen off by a newer reply. */
class LastKnownStateTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void safeModeBlocksUntilItsTtlWouldHaveRunOutAndLatchedOrKillUntilSeenOff() {
        LastKnownState state = new LastKnownState();
        assertThat(state.blocking(0)).isNull();

        state.observe(false, 10, 0);
        assertThat(state.blocking(10 * SECOND)).isEqualTo(Reason.SAFE_MODE_ENABLED);
        assertThat(state.blocking(12 * SECOND)).isNull();

        state.observe(false, -1, 20 * SECOND);
        assertThat(state.blocking(1_000_000 * SECOND)).isEqualTo(Reason.SAFE_MODE_ENABLED);

        state.observe(true, -2, 30 * SECOND);
        assertThat(state.blocking(1_000_000 * SECOND)).isEqualTo(Reason.KILL_SWITCH_ENGAGED);

        state.observe(false, -2, 40 * SECOND);
        assertThat(state.blocking(40 * SECOND)).isNull();
    }

    @Test
    void aReplyOfAnOlderDecisionThatArrivesLastDoesNotForgetATrip() {
        LastKnownState state = new LastKnownState();

        // Decision B (started at 5 s) tripped; decision A (started at 4 s, before the trip) answers after it.
        state.observe(false, 300, 5 * SECOND);
        state.observe(false, -2, 4 * SECOND);

        assertThat(state.blocking(6 * SECOND)).isEqualTo(Reason.SAFE_MODE_ENABLED);
        // A decision that started after the trip and saw SAFE MODE off (cleared by an operator) does switch it off.
        state.observe(false, -2, 7 * SECOND);
        assertThat(state.blocking(8 * SECOND)).isNull();
    }
}
