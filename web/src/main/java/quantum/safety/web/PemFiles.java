package quantum.safety.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import quantum.safety.kernel.FailureWords;

/**
 * Reads the PEM files a web config names: certificate chains and private keys (PKCS#8 {@code PRIVATE KEY}, or PKCS#1
 * {@code RSA PRIVATE KEY} as OpenSSL writes with {@code -traditional}). Errors name the file, never its content.
 */
final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    private PemFiles() {
    }

    static List<X509Certificate> certificates(Path file, String key) {
        String text = read(file, key);
        List<X509Certificate> certs = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                if (m.group(1).equals("CERTIFICATE")) {
                    certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(decode(m.group(2)))));
                }
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " " + file + " holds an unreadable certificate; "
                    + "expected PEM (-----BEGIN CERTIFICATE-----)");
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException(key + " " + file + " holds no certificate; "
                    + "expected PEM (-----BEGIN CERTIFICATE-----)");
        }
        return certs;
    }

    static PrivateKey privateKey(Path file, String key) {
        Matcher m = BLOCK.matcher(read(file, key));
        while (m.find()) {
            String type = m.group(1);
            byte[] der;
            try {
                der = decode(m.group(2));
            } catch (IllegalArgumentException e) {
                break;
            }
            switch (type) {
                case "PRIVATE KEY":
                    return pkcs8(der, file, key);
                case "RSA PRIVATE KEY":
                    return pkcs8(rsaPkcs1ToPkcs8(der), file, key);
                case "ENCRYPTED PRIVATE KEY":
                    throw new IllegalArgumentException(key + " " + file + " is encrypted; "
                            + "decrypt it with: openssl pkey -in KEY -out KEY.plain");
                case "EC PRIVATE KEY":
                    throw new IllegalArgumentException(key + " " + file + " is a SEC1 EC key; "
                            + "convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(key + " " + file + " holds no private key; "
                + "expected PEM (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)");
    }

    private static PrivateKey pkcs8(byte[] der, Path file, String key) {
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "DSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException(key + " " + file + " holds a private key of an unsupported type; "
                + "use an RSA, EC or Ed25519 key");
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo: version 0, rsaEncryption, the key as OCTET STRING. */
    private static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
                0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = der(0x04, pkcs1);
        byte[] body = new byte[version.length + algorithm.length + octets.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(algorithm, 0, body, version.length, algorithm.length);
        System.arraycopy(octets, 0, body, version.length + algorithm.length, octets.length);
        return der(0x30, body);
    }

    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] length;
        if (n < 0x80) {
            length = new byte[] {(byte) n};
        } else if (n < 0x100) {
            length = new byte[] {(byte) 0x81, (byte) n};
        } else if (n < 0x10000) {
            length = new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
        } else {
            length = new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        }
        byte[] out = new byte[1 + length.length + n];
        out[0] = (byte) tag;
        System.arraycopy(length, 0, out, 1, length.length);
        System.arraycopy(content, 0, out, 1 + length.length, n);
        return out;
    }

    private static byte[] decode(String base64) {
        return Base64.getMimeDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
    }

    private static String read(Path file, String key) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException(key + " " + file + " cannot be read (" + FailureWords.of(e)
                    + "); check the path and its permissions");
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " " + file + " is not a PEM text file");
        }
    }
}
