package quantum.safety.testkit.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import quantum.safety.process.ChildProcess;

/** Self-signed certificates made with the JDK's keytool and written as PEM, as an operator would hand them over. */
public final class TestCertificates {

    public static final char[] STORE_PASSWORD = "changeit".toCharArray();

    /** A key pair: the PKCS#12 store keytool made, and its certificate and key as PEM files. */
    public record Pem(Path keyStore, Path certFile, Path keyFile, Certificate certificate, PrivateKey key) {
    }

    private TestCertificates() {
    }

    public static Pem generate(Path dir, String name) throws IOException, InterruptedException, GeneralSecurityException {
        Path store = dir.resolve(name + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        run(keytool.toString(), "-genkeypair", "-alias", name, "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=" + name,
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", new String(STORE_PASSWORD), "-keypass", new String(STORE_PASSWORD));
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, STORE_PASSWORD);
        }
        Certificate cert = keyStore.getCertificate(name);
        PrivateKey key = (PrivateKey) keyStore.getKey(name, STORE_PASSWORD);
        Path certFile = dir.resolve(name + "-cert.pem");
        Path keyFile = dir.resolve(name + "-key.pem");
        Files.writeString(certFile, pem("CERTIFICATE", cert.getEncoded()));
        Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
        return new Pem(store, certFile, keyFile, cert, key);
    }

    /** Runs a certificate tool (keytool, openssl) to its end; fails with all it printed unless it exits 0. */
    public static void run(String... command) throws IOException, InterruptedException {
        ChildProcess.Completed run = ChildProcess.run(List.of(command), Duration.ofSeconds(60));
        if (!run.succeeded()) {
            throw new IOException(run.describe());
        }
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** A client context that trusts {@code server}'s certificate and, if given, presents {@code client}'s. */
    public static SSLContext clientContext(Pem server, Pem client) throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", server.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (client != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(client.keyStore())) {
                keys.load(in, STORE_PASSWORD);
            }
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, STORE_PASSWORD);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }
}
