package quantum.safety.web;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import quantum.safety.kernel.FailureWords;

/**
 * {@code tls_server_config} as the JDK's {@link SSLContext} plus the parameters every connection gets (protocol range,
 * cipher suites, client certificates), for whichever HTTP server serves it.
 */
public record TlsServerContext(SSLContext context, String[] protocols, WebConfig.Tls tls) {

    private static final List<String> PROTOCOLS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    /** Builds the context; the web config's file is named in every error. */
    public static TlsServerContext of(WebConfig.Tls tls, Path configFile) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(tls), trustManagers(tls), null);
            String[] protocols = PROTOCOLS.subList(PROTOCOLS.indexOf(tls.minVersion()),
                    PROTOCOLS.indexOf(tls.maxVersion()) + 1).toArray(String[]::new);
            List<String> supportedCiphers = Arrays.asList(context.getSupportedSSLParameters().getCipherSuites());
            for (String cipher : tls.cipherSuites()) {
                if (!supportedCiphers.contains(cipher)) {
                    throw new IllegalArgumentException("tls_server_config.cipher_suites: " + cipher
                            + " is not supported by this Java runtime");
                }
            }
            return new TlsServerContext(context, protocols, tls);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("web config " + configFile + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("web config " + configFile + ": cannot set up TLS ("
                    + FailureWords.of(e) + "); check that cert_file and key_file belong together");
        }
    }

    /** The parameters of one server-side connection. */
    public SSLParameters parameters() {
        SSLParameters ssl = context.getDefaultSSLParameters();
        ssl.setProtocols(protocols);
        if (!tls.cipherSuites().isEmpty()) {
            ssl.setCipherSuites(tls.cipherSuites().toArray(String[]::new));
        }
        ssl.setUseCipherSuitesOrder(tls.preferServerCipherSuites());
        switch (tls.clientAuth()) {
            case REQUIRE_AND_VERIFY_CLIENT_CERT -> ssl.setNeedClientAuth(true);
            case VERIFY_CLIENT_CERT_IF_GIVEN -> ssl.setWantClientAuth(true);
            case NO_CLIENT_CERT -> ssl.setNeedClientAuth(false);
        }
        return ssl;
    }

    private static javax.net.ssl.KeyManager[] keyManagers(WebConfig.Tls tls) throws GeneralSecurityException {
        List<X509Certificate> chain = PemFiles.certificates(tls.certFile(), "tls_server_config.cert_file");
        PrivateKey key = PemFiles.privateKey(tls.keyFile(), "tls_server_config.key_file");
        java.security.PublicKey certKey = chain.get(0).getPublicKey();
        boolean mismatch = !certKey.getAlgorithm().equals(key.getAlgorithm())
                || key instanceof java.security.interfaces.RSAPrivateCrtKey rsa
                        && certKey instanceof java.security.interfaces.RSAPublicKey pub
                        && !rsa.getModulus().equals(pub.getModulus());
        if (mismatch) {
            throw new IllegalArgumentException("tls_server_config.key_file " + tls.keyFile()
                    + " does not match cert_file " + tls.certFile() + "; use the key the certificate was issued for");
        }
        char[] password = new char[0];
        KeyStore store = emptyStore();
        store.setKeyEntry("server", key, password, chain.toArray(X509Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    private static javax.net.ssl.TrustManager[] trustManagers(WebConfig.Tls tls) throws GeneralSecurityException {
        if (tls.clientCaFile().isEmpty()) {
            return null;
        }
        KeyStore store = emptyStore();
        List<X509Certificate> cas = PemFiles.certificates(tls.clientCaFile().get(), "tls_server_config.client_ca_file");
        for (int i = 0; i < cas.size(); i++) {
            store.setCertificateEntry("client-ca-" + i, cas.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }
}
