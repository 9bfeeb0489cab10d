package quantum.safety.ops.event;

import java.util.ArrayList;
import java.util.List;

/** Every event a command reported, in order, for tests to assert the sequence and what each one carries. */
public final class EventLog implements OpsListener {

    private final List<OpsEvent> events = new ArrayList<>();

    @Override
    public void on(OpsEvent event) {
        events.add(event);
    }

    public List<OpsEvent> all() {
        return List.copyOf(events);
    }

    public <T extends OpsEvent> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The first event of {@code type}; fails, listing the events, when there is none. */
    public <T extends OpsEvent> T first(Class<T> type) {
        return all(type).stream().findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + this));
    }

    /**
     * The event names with each run of one name told once: nine checks passing in a row read as one CheckPassed, so
     * a sequence can be asserted whatever the number of files or checks.
     */
    public List<String> steps() {
        List<String> steps = new ArrayList<>();
        for (OpsEvent event : events) {
            String name = event.getClass().getSimpleName();
            if (steps.isEmpty() || !steps.get(steps.size() - 1).equals(name)) {
                steps.add(name);
            }
        }
        return steps;
    }

    /** Forgets what was recorded, so the next command's events stand alone. */
    public void clear() {
        events.clear();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        events.forEach(e -> text.append('\n').append(e));
        return text.toString();
    }
}
