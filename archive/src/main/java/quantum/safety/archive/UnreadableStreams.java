package quantum.safety.archive;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Streams whose key Redis answers but cannot read as a stream (a key of another type under the stream's name: bad data
 * in Redis). Such a stream is skipped while the other one keeps being archived: Redis itself is up. Each failed try is
 * counted as a Redis error, the stream's lag is left out of the metrics (it cannot be known, and 0 would read as caught
 * up), and the key is named in a warning at most once a minute per stream.
 */
final class UnreadableStreams {

    private static final Logger LOG = LoggerFactory.getLogger(UnreadableStreams.class);
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);

    private final ArchiveMetrics metrics;
    /** When each unreadable stream was last logged, {@link System#nanoTime()}. */
    private final Map<ArchiveStream, Long> loggedAt = new EnumMap<>(ArchiveStream.class);

    UnreadableStreams(ArchiveMetrics metrics) {
        this.metrics = metrics;
    }

    /** Whether the error is about the key's content, not about Redis: a key of the wrong type. */
    static boolean isKeyProblem(JedisDataException e) {
        return String.valueOf(e.getMessage()).startsWith("WRONGTYPE");
    }

    boolean isUnreadable(StreamReader reader) {
        return loggedAt.containsKey(reader.stream());
    }

    /** The stream's key could not be read: counted, its lag unknown, the reader starts over once it can. */
    void failed(StreamReader reader, JedisDataException e) {
        ArchiveStream stream = reader.stream();
        metrics.error(ArchiveMetrics.Stage.REDIS);
        metrics.lagUnknown(stream);
        reader.reset();
        long now = System.nanoTime();
        Long last = loggedAt.get(stream);
        if (last == null || now - last >= LOG_EVERY.toNanos()) {
            LOG.warn("{}: key {} is not a stream (Redis: {}); this stream is not archived until the key is a stream "
                    + "again (check it with TYPE {}); the other stream goes on", stream.label(), reader.group().key(),
                    firstLine(e), reader.group().key());
            loggedAt.put(stream, now);
        }
    }

    /** The stream's key was read again. */
    void readable(StreamReader reader) {
        if (loggedAt.remove(reader.stream()) != null) {
            LOG.info("{}: key {} is a stream again; archiving it", reader.stream().label(), reader.group().key());
        }
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
