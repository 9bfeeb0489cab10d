package quantum.safety.cli.ctl;

import java.util.ArrayList;
import java.util.List;

import quantum.safety.cli.Main;
import quantum.safety.state.SafetyStatus;

/**
 * The first answer of {@code ctl status}, the same word in text and JSON and the exit code that goes with it. Blocked
 * follows the kernel's one flag rule: a flag the kernel reads as on (an odd value, a key of another type) blocks; and
 * a state that cannot be read blocks too, since the kernels then block or apply their fail policy.
 */
enum StatusVerdict {

    /** Redis was read, nothing blocks new intents and nothing is wrong with the data. */
    OK(Main.EXIT_OK),
    /** Nothing blocks, but Redis holds bad data (a key of another type, a non-number): see the problems. */
    PROBLEMS(Main.EXIT_FAILURE),
    /** SAFE MODE or the kill switch is on: new intents are blocked. */
    BLOCKED(Main.EXIT_BLOCKED),
    /** Redis could not be read: SAFE MODE and the kill switch are unknown, and the kernels cannot read them either. */
    UNREADABLE(Main.EXIT_BLOCKED);

    private final int exitCode;

    StatusVerdict(int exitCode) {
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }

    static StatusVerdict of(SafetyStatus s) {
        if (!s.reachable()) {
            return UNREADABLE;
        }
        if (s.blocked()) {
            return BLOCKED;
        }
        return s.problems().isEmpty() ? OK : PROBLEMS;
    }

    /** What blocks, by the names the JSON uses: {@code SAFE_MODE}, {@code KILL_SWITCH}, {@code GLOBAL_COUNTER}. */
    static List<String> blockedBy(SafetyStatus s) {
        List<String> by = new ArrayList<>();
        if (s.reachable() && s.safeMode().flag().on()) {
            by.add("SAFE_MODE");
        }
        if (s.reachable() && s.killSwitch().on()) {
            by.add("KILL_SWITCH");
        }
        if (s.globalCounterUnreadable()) {
            by.add("GLOBAL_COUNTER");
        }
        return by;
    }
}
