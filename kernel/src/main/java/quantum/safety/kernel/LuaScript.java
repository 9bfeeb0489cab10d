package quantum.safety.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A server-side script from the classpath, run by its SHA-1 so that each call sends only the digest.
 *
 * <p>The digest is computed here, so the script is usable before Redis is reachable. A server that does not know
 * the script (first use, or a Redis that restarted empty or failed over) answers NOSCRIPT; the script is then
 * sent with SCRIPT LOAD and the call repeated once — still one atomic execution.
 *
 * <p>Public so that other modules' scripts (the exporter's read-only window counts) load and run the same way.
 */
public final class LuaScript {

    private final byte[] source;
    private final String sha1;
    private final byte[] sha1Bytes;

    private LuaScript(String source) {
        this.source = source.getBytes(StandardCharsets.UTF_8);
        this.sha1 = sha1Hex(source);
        this.sha1Bytes = sha1.getBytes(StandardCharsets.US_ASCII);
    }

    /** @param resource relative to this package, or absolute ({@code /quantum/…}) for another module's script */
    public static LuaScript fromResource(String resource) {
        try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("script resource " + resource + " is missing from the classpath");
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
    public Object run(UnifiedJedis redis, List<byte[]> keys, List<byte[]> args) {
        try {
            return redis.evalsha(sha1Bytes, keys, args);
        } catch (JedisNoScriptException e) {
            // The sample key routes SCRIPT LOAD to the node that owns the keys on Cluster; standalone ignores it.
            redis.scriptLoad(source, keys.get(0));
            return redis.evalsha(sha1Bytes, keys, args);
        }
    }

    /**
     * Queues the script by its digest on a pipeline, next to other reads. The reply is an error starting with
     * {@code NOSCRIPT} when the server does not know the script yet ({@link #isNoScript}): then {@link #run} it.
     */
    public Response<Object> queue(AbstractPipeline pipeline, List<byte[]> keys, List<byte[]> args) {
        return pipeline.evalsha(sha1Bytes, keys, args);
    }

    /** Whether an error reply means the server does not have the script loaded. */
    public static boolean isNoScript(String errorMessage) {
        return errorMessage != null && errorMessage.startsWith("NOSCRIPT");
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
