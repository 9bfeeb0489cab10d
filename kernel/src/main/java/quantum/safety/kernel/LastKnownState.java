package quantum.safety.kernel;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The SAFE MODE flag and kill switch as the last decision that reached Redis read them, so that a decision Redis
 * cannot answer still blocks on what is known: SAFE MODE until its TTL would have run out (latched or set by hand:
 * until Redis says otherwise), the kill switch until Redis says otherwise. Whatever the fail policy.
 */
final class LastKnownState {

    /**
     * @param safeModeUntil nanoTime when SAFE MODE ends: {@link Long#MAX_VALUE} without TTL, 0 with it off
     * @param since         nanoTime when the decision that read this state started
     */
    private record State(boolean kill, boolean safeMode, long safeModeUntil, long since) {
        boolean anyOn() {
            return kill || safeMode;
        }
    }

    private final AtomicReference<State> state = new AtomicReference<>(new State(false, false, 0, Long.MIN_VALUE));

    /**
     * Records what the reply of a decision started at {@code startedAt} (nanoTime) showed. {@code safeModeTtl} is in
     * seconds as the script returns it: -2 off, -1 on without TTL, otherwise the seconds left. A reply of a decision
     * that started before the one that last saw something on cannot switch it off: with concurrent decisions an
     * older reply may arrive last.
     */
    void observe(boolean kill, long safeModeTtl, long startedAt) {
        boolean safeMode = safeModeTtl != -2;
        while (true) {
            State current = state.get();
            if (!kill && !safeMode) {
                if (!current.anyOn() || startedAt - current.since() < 0) {
                    return;
                }
            }
            // TTL rounds to whole seconds: one more keeps the block until the key has surely expired.
            long until = !safeMode ? 0 : safeModeTtl < 0 ? Long.MAX_VALUE
                    : startedAt + TimeUnit.SECONDS.toNanos(safeModeTtl + 1);
            if (state.compareAndSet(current, new State(kill, safeMode, until, startedAt))) {
                return;
            }
        }
    }

    /** The reason the last known state blocks an intent at {@code now} (nanoTime), or {@code null}. */
    Reason blocking(long now) {
        State s = state.get();
        if (s.kill()) {
            return Reason.KILL_SWITCH_ENGAGED;
        }
        if (s.safeMode() && (s.safeModeUntil() == Long.MAX_VALUE || now - s.safeModeUntil() < 0)) {
            return Reason.SAFE_MODE_ENABLED;
        }
        return null;
    }
}
