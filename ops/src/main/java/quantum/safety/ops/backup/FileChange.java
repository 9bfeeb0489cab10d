package quantum.safety.ops.backup;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One file an operation changed ({@code kind}: rules, dashboard, prometheus config…), with the hashes that let rollback prove what it restores: {@code sha256Before} is
 * the backup's (null when created), {@code sha256After} what the operation wrote.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileChange(String path, String kind, FileAction action, String backup, String sha256Before, String sha256After) {
}
