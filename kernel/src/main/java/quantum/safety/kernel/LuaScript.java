package quantum.safety.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A server-side script from the classpath, run by its SHA-1 so that each call sends only the digest.
 *
 * <p>The digest is computed here, so the script is usable before Redis is reachable. A server that does not know
 * the script (first use, or a Redis that restarted empty or failed over) answers NOSCRIPT; the call is then
 * repeated once as EVAL with the script's body, which also caches it there — still one atomic execution.
 */
final class LuaScript {

    private final byte[] source;
    private final String sha1;
    private final byte[] sha1Bytes;

    private LuaScript(String source) {
        this.source = source.getBytes(StandardCharsets.UTF_8);
        this.sha1 = sha1Hex(source);
        this.sha1Bytes = sha1.getBytes(StandardCharsets.US_ASCII);
    }

    static LuaScript fromResource(String resource) {
        try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("script resource " + resource + " is missing from the kernel jar");
            }
            return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read script resource " + resource, e);
        }
    }

    String sha1() {
        return sha1;
    }

    /**
     * Runs the script; Redis errors propagate as Jedis exceptions. Arguments and replies are raw bytes: the hot
     * path pre-encodes its constant arguments once, and bulk strings in the reply arrive as {@code byte[]}.
     */
    Object run(UnifiedJedis redis, List<byte[]> keys, List<byte[]> args) {
        try {
            return redis.evalsha(sha1Bytes, keys, args);
        } catch (JedisNoScriptException e) {
            // EVAL with the body runs the script and caches it on the server that answers: on Cluster that is the
            // node the keys route to, following MOVED and ASK, where a separate SCRIPT LOAD could land on the
            // old owner of a slot that is moving.
            return redis.eval(source, keys, args);
        }
    }

    /**
     * Makes sure the server that holds {@code sampleKey} has the script cached (SCRIPT EXISTS, then SCRIPT LOAD when
     * it has not), so the first decision after a restart or a SCRIPT FLUSH does not pay for the body.
     */
    void ensureLoaded(UnifiedJedis redis, String sampleKey) {
        if (!Boolean.TRUE.equals(redis.scriptExists(sha1, sampleKey))) {
            redis.scriptLoad(new String(source, StandardCharsets.UTF_8), sampleKey);
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A bulk string of a raw reply as text. */
    static String text(Object replyElement) {
        return replyElement instanceof byte[] raw ? new String(raw, StandardCharsets.UTF_8) : String.valueOf(replyElement);
    }

    private static String sha1Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-1", e);
        }
    }
}
