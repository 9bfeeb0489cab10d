package quantum.safety.ops.backup;

/** What an operation did to one file. */
public enum FileAction {
    /** The file did not exist: rollback deletes it. */
    CREATED,
    /** The file existed and changed: rollback restores its backup byte for byte. */
    MODIFIED
}
