/**
 * What makes a change undoable: atomic writes, backups named the legacy way, the install manifests that record
 * every file with its hashes, and the listing of what can be rolled back.
 */
package quantum.safety.ops.backup;
