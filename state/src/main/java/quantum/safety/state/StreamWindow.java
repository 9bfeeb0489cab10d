package quantum.safety.state;

import java.util.Objects;

import redis.clients.jedis.StreamEntryID;

/**
 * The entries of a stream in a time window, counted by id range (exact whatever the stream's length or trimming).
 *
 * @param count        entries with an id time inside the window
 * @param complete     false when the read's budget stopped the paging: {@code count} is then a lower bound
 * @param newSinceSeen entries read with an id above the id the caller had seen (all of them when it had seen none)
 * @param lastIdRead   the highest id read, or the read's start when nothing was read: what to pass as "seen" next time
 */
public record StreamWindow(long count, boolean complete, long newSinceSeen, StreamEntryID lastIdRead) {

    public StreamWindow {
        Objects.requireNonNull(lastIdRead, "lastIdRead");
    }
}
