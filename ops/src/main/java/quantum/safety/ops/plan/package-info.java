/**
 * Plans: immutable descriptions of what {@code ops install} and {@code ops rollback} will change (each file with its
 * diff, the backups, the reloads, the checks), made before anything changes, so an operator, a script or a test can
 * read the whole change before it happens.
 */
package quantum.safety.ops.plan;
