package quantum.safety.kernel.redis;

import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * A connection whose socket timeout before each read is what is left of the {@link DecisionDeadline}, so a decision
 * never waits longer than its deadline in total, however the time was spent (pool, connect, a stalled server, a
 * NOSCRIPT reload). Outside a decision it reads with the configured timeout.
 */
final class DeadlineConnection extends Connection {

    /** The timeout to restore after a decision lowered it; no initializer, so a value set during construction stays. */
    private int restoreMillis;
    private boolean lowered;

    DeadlineConnection(JedisSocketFactory sockets, JedisClientConfig config) {
        super(sockets, config);
    }

    /**
     * A blocking command (BLPOP…) on a connection a decision lowered: restore the configured timeout first, so that
     * the read below does not put it back over the infinite wait Jedis sets for the command.
     */
    @Override
    public void setTimeoutInfinite() {
        if (lowered) {
            setSoTimeout(restoreMillis);
            lowered = false;
        }
        super.setTimeoutInfinite();
    }

    @Override
    protected Object readProtocolWithCheckingBroken() {
        long remaining = DecisionDeadline.remainingNanos();
        if (remaining == Long.MAX_VALUE) {
            if (lowered) {
                setSoTimeout(restoreMillis);
                lowered = false;
            }
            return super.readProtocolWithCheckingBroken();
        }
        if (remaining <= 0) {
            // The command is sent but its reply will not be read: the connection must not go back to the pool.
            setBroken();
            throw new JedisConnectionException(new SocketTimeoutException("the decision deadline passed"));
        }
        int current = getSoTimeout();
        if (!lowered) {
            restoreMillis = current;
        }
        long cap = restoreMillis == 0 ? Integer.MAX_VALUE : restoreMillis;
        int target = (int) Math.min(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)), cap);
        // A shorter wait is always applied; a longer one only when it is worth a system call (0 means no timeout).
        if (current == 0 || target < current || target > current + 20) {
            setSoTimeout(target);
            lowered = target != restoreMillis;
        }
        return super.readProtocolWithCheckingBroken();
    }
}
