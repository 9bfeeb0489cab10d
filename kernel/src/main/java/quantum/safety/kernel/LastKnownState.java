package quantum.safety.kernel;

import java.util.concurrent.TimeUnit;

/**
 * The SAFE MODE flag and kill switch as the last decision that reached Redis read them, so that a decision Redis
 * cannot answer still blocks on what is known: SAFE MODE until its TTL would have run out (latched or set by hand:
 * until Redis says otherwise), the kill switch until Redis says otherwise. Whatever the fail policy.
 */
final class LastKnownState {

    /** @param safeModeUntil nanoTime when SAFE MODE ends: {@link Long#MAX_VALUE} without TTL, 0 with it off */
    private record State(boolean kill, boolean safeMode, long safeModeUntil) {
    }

    private static final State NOTHING_ON = new State(false, false, 0);

    private volatile State state = NOTHING_ON;

    /**
     * Records what one reply showed at {@code observedAt} (nanoTime). {@code safeModeTtl} is in seconds as the
     * script returns it: -2 off, -1 on without TTL, otherwise the seconds left.
     */
    void observe(boolean kill, long safeModeTtl, long observedAt) {
        if (!kill && safeModeTtl == -2) {
            if (state != NOTHING_ON) {
                state = NOTHING_ON;
            }
            return;
        }
        // TTL rounds to whole seconds: one more keeps the block until the key has surely expired.
        long until = safeModeTtl == -2 ? 0 : safeModeTtl < 0 ? Long.MAX_VALUE
                : observedAt + TimeUnit.SECONDS.toNanos(safeModeTtl + 1);
        state = new State(kill, safeModeTtl != -2, until);
    }

    /** The reason the last known state blocks an intent at {@code now} (nanoTime), or {@code null}. */
    Reason blocking(long now) {
        State s = state;
        if (s.kill()) {
            return Reason.KILL_SWITCH_ENGAGED;
        }
        if (s.safeMode() && (s.safeModeUntil() == Long.MAX_VALUE || now - s.safeModeUntil() < 0)) {
            return Reason.SAFE_MODE_ENABLED;
        }
        return null;
    }
}
