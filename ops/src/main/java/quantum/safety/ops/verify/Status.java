package quantum.safety.ops.verify;

/**
 * The verdict of one check. WARNING is "untidy": monitoring works, but something should be fixed (a label, the
 * build info, an address that answers only on one family); it never fails a command and never rolls an install back.
 */
public enum Status { PASSED, WARNING, FAILED, SKIPPED }
