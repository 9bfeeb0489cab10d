package quantum.safety.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;


import at.favre.lib.crypto.bcrypt.BCrypt;

/**
 * Checks HTTP basic-auth credentials against the bcrypt hashes of {@code basic_auth_users}.
 *
 * <p>bcrypt costs tens of milliseconds by design, too much for every scrape, so a verified password is remembered per
 * user as a salted SHA-256 (the salt is random per process, the plain password is never kept). A wrong password always
 * pays the full bcrypt, and an unknown user pays it against a dummy hash, so timing reveals neither.
 */
public final class BcryptUsers {

    private static final Pattern BCRYPT = Pattern.compile("^\\$2[abxy]?\\$\\d{2}\\$[./A-Za-z0-9]{53}$");
    /** A valid hash of a random password, checked for unknown users so that they take as long as known ones. */
    private static final String DUMMY_HASH = BCrypt.withDefaults().hashToString(10,
            Long.toHexString(new SecureRandom().nextLong()).toCharArray());

    private final Map<String, String> users;
    private final BiPredicate<char[], String> bcrypt;
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();
    private final byte[] salt = new byte[16];

    public BcryptUsers(Map<String, String> users) {
        this(users, BcryptUsers::bcryptVerify);
    }

    /** @param bcrypt verifies a password against a hash (tests count its calls) */
    BcryptUsers(Map<String, String> users, BiPredicate<char[], String> bcrypt) {
        this.users = Map.copyOf(users);
        this.bcrypt = bcrypt;
        new SecureRandom().nextBytes(salt);
    }

    private static boolean bcryptVerify(char[] password, String hash) {
        try {
            return BCrypt.verifyer().verify(password, hash.toCharArray()).verified;
        } catch (IllegalArgumentException e) {
            // bcrypt refuses passwords over 72 bytes: such a password cannot match any hash.
            return false;
        }
    }

    public static boolean isBcryptHash(String text) {
        return BCRYPT.matcher(text).matches();
    }

    /** Whether {@code password} is the password of {@code user}. */
    public boolean check(String user, String password) {
        String hash = users.get(user);
        byte[] digest = digest(user, password);
        if (hash != null) {
            byte[] known = verified.get(user);
            if (known != null && MessageDigest.isEqual(known, digest)) {
                return true;
            }
        }
        boolean ok = bcrypt.test(password.toCharArray(), hash != null ? hash : DUMMY_HASH);
        if (ok && hash != null) {
            verified.put(user, digest);
            return true;
        }
        return false;
    }

    private byte[] digest(String user, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(user.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
