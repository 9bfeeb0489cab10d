package quantum.safety.ops.plan;

/** A service whose config ops changes and then reloads. */
public enum Service { PROMETHEUS, ALERTMANAGER }
