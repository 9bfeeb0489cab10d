package quantum.safety.ops.event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Receives the events of an ops command, in the order they happened, on the thread that runs the command. */
@FunctionalInterface
public interface OpsListener {

    void on(OpsEvent event);

    /** A listener that drops every event. */
    static OpsListener ignoring() {
        return event -> { };
    }

    /**
     * {@code listener}, made unable to stop the command: an exception it throws is logged and the event dropped.
     * A change that is half applied must still reach its reload, its check and its automatic rollback, whatever a
     * renderer does with the news.
     */
    static OpsListener guarded(OpsListener listener) {
        Logger log = LoggerFactory.getLogger(OpsListener.class);
        return event -> {
            try {
                listener.on(event);
            } catch (RuntimeException e) {
                log.warn("event listener failed on {} ({}); the command goes on", event.getClass().getSimpleName(),
                        e.toString());
                log.debug("event listener failure", e);
            }
        };
    }
}
