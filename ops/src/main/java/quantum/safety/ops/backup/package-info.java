/**
 * The safety net of every change ops makes: backups and their manifests, atomic file writes, and the check that a
 * folder can be written before anything is changed.
 */
package quantum.safety.ops.backup;
