package quantum.safety.archive;

import quantum.safety.kernel.RedisSchema;

/** The kernel's two streams, by the name the archive's rows and metrics give them. */
public enum ArchiveStream {
    /** Trips, in the legacy format; trimmed to about {@value RedisSchema#FAULT_STREAM_MAXLEN} entries. */
    FAULT("fault"),
    /** Every safety transition with who and why; trimmed to about {@value RedisSchema#AUDIT_STREAM_MAXLEN} entries. */
    AUDIT("audit");

    private final String label;

    ArchiveStream(String label) {
        this.label = label;
    }

    /** The value of the {@code stream} column and label. */
    public String label() {
        return label;
    }

    /** The Redis key of this stream. */
    public String key(RedisSchema schema) {
        return this == FAULT ? schema.faultStream() : schema.auditStream();
    }

    public static ArchiveStream ofLabel(String label) {
        for (ArchiveStream stream : values()) {
            if (stream.label.equals(label)) {
                return stream;
            }
        }
        throw new IllegalArgumentException("unknown stream '" + label + "'; use fault or audit");
    }
}
