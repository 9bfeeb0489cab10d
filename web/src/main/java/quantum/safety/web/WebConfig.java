package quantum.safety.web;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The web configuration, in the Prometheus exporter-toolkit format ({@code --web.config.file}): TLS, basic auth and
 * response headers.
 *
 * @param basicAuthUsers user name -> bcrypt hash
 * @param headers        extra response headers ({@code http_server_config.headers})
 */
public record WebConfig(Optional<Tls> tls, Map<String, String> basicAuthUsers, Map<String, String> headers) {

    public WebConfig {
        basicAuthUsers = Map.copyOf(basicAuthUsers);
        headers = Map.copyOf(headers);
    }

    /** Plain HTTP, no authentication. */
    public static WebConfig none() {
        return new WebConfig(Optional.empty(), Map.of(), Map.of());
    }

    /** {@code client_auth_type} values this exporter supports. */
    public enum ClientAuth {
        NO_CLIENT_CERT("NoClientCert"),
        VERIFY_CLIENT_CERT_IF_GIVEN("VerifyClientCertIfGiven"),
        REQUIRE_AND_VERIFY_CLIENT_CERT("RequireAndVerifyClientCert");

        private final String configName;

        ClientAuth(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }
    }

    /**
     * {@code tls_server_config}.
     *
     * @param minVersion  JSSE protocol name, e.g. {@code TLSv1.2}
     * @param maxVersion  JSSE protocol name, e.g. {@code TLSv1.3}
     * @param cipherSuites IANA names (Go and the JDK use the same ones); empty for the JDK's defaults
     */
    public record Tls(Path certFile, Path keyFile, String minVersion, String maxVersion, ClientAuth clientAuth,
                      Optional<Path> clientCaFile, List<String> cipherSuites, boolean preferServerCipherSuites) {

        public Tls {
            cipherSuites = List.copyOf(cipherSuites);
        }
    }
}
