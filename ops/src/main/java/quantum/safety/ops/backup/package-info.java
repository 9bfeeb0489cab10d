/**
 * What makes a change undoable: atomic writes, backups named the legacy way, the install manifests that record
 * every file with its hashes, the listing of what can be rolled back, and the check that a folder can be written
 * before anything is changed.
 */
package quantum.safety.ops.backup;
