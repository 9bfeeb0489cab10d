/**
 * Safe changes to the monitoring integration: {@link quantum.safety.ops.Installer} and
 * {@link quantum.safety.ops.Rollback} plan a change, validate it, back up, write atomically, reload, verify and roll
 * back on failure, telling each step to an {@link quantum.safety.ops.event.OpsListener} as it happens. Nothing here
 * prints; the command line renders the events. Bad operator input is an
 * {@link quantum.safety.ops.OpsInputException}, found before anything changed. What a command asks for is an
 * immutable request made by a builder ({@link quantum.safety.ops.InstallRequest}, {@link quantum.safety.ops.RollbackRequest}).
 */
package quantum.safety.ops;
