package quantum.safety.web.audit;

/**
 * Where an older page of {@code /audit} starts: strictly before this Redis stream id ({@code <ms>-<seq>}). Paging by
 * the id, not by the time, because one millisecond can hold more entries than a page: a time bound would either
 * repeat them forever or skip some.
 */
public record AuditCursor(long millis, long sequence) {

    public AuditCursor {
        if (millis < 0 || sequence < 0) {
            throw new IllegalArgumentException("a stream id has no negative parts");
        }
    }

    /**
     * Parses {@code 1768784108123-2}.
     *
     * @throws IllegalArgumentException naming the parameter and the form it takes
     */
    public static AuditCursor parse(String text) {
        if (text != null && text.matches("\\d{1,18}-\\d{1,18}")) {
            int dash = text.indexOf('-');
            return new AuditCursor(Long.parseLong(text.substring(0, dash)), Long.parseLong(text.substring(dash + 1)));
        }
        throw new IllegalArgumentException("before=" + text + " is not a stream id; it takes the form ms-seq, e.g. "
                + "before=1768784108123-0 (the Older events link sets it)");
    }

    /** True when the entry with id {@code idMillis-idSequence} sorts before this cursor, so belongs on the page. */
    public boolean admits(long idMillis, long idSequence) {
        return idMillis < millis || idMillis == millis && idSequence < sequence;
    }

    @Override
    public String toString() {
        return millis + "-" + sequence;
    }
}
