package quantum.safety.ops.verify;

/** The verdict of one check. */
public enum Status { PASSED, FAILED, SKIPPED }
