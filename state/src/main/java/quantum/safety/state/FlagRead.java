package quantum.safety.state;

import quantum.safety.kernel.FlagState;
import redis.clients.jedis.AbstractPipeline;

/**
 * Reads the SAFE MODE flag or the kill switch with the kernel's rule ({@link FlagState}); the kernel's rule is applied,
 * never restated.
 *
 * <p>TYPE travels with GET, so a key of another type comes back as "on, holds a hash" instead of a WRONGTYPE error
 * that would leave the state unknown.
 */
record FlagRead(StringRead read) {

    /** Queues TYPE and GET of {@code key}; call {@link #state} once the pipeline has synced. */
    static FlagRead queue(AbstractPipeline pipeline, String key) {
        return new FlagRead(StringRead.queue(pipeline, key));
    }

    /**
     * The flag as the kernel reads it. What is wrong with the data goes to {@code problems}, one line each, naming the
     * key but never its value: an unclear flag, or a reply Redis refused.
     */
    FlagState state(Problems problems) {
        String seenType = read.seenType(problems);
        String valueError = read.valueError();
        FlagState state;
        if (valueError == null) {
            state = FlagState.of(seenType, read.valueReply());
        } else {
            if (!valueError.startsWith("WRONGTYPE")) {
                problems.add("GET " + read.key() + ": " + valueError);
            }
            // A flag nobody can read is not "off": the kernel itself never takes an unreadable flag for off.
            boolean otherType = seenType != null && !seenType.equals("string") && !seenType.equals("none");
            state = FlagState.ofWrongType(otherType ? seenType : null);
        }
        if (state.unclear()) {
            problems.add(problem(read.key(), state));
        }
        return state;
    }

    private static String problem(String key, FlagState state) {
        return state.kind() == FlagState.Kind.WRONG_TYPE
                ? key + " holds a " + state.value() + ", not a string; the kernel reads it as on"
                : key + " holds neither \"1\" nor \"0\"; the kernel reads any value but \"0\" as on";
    }
}
