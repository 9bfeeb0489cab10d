package quantum.safety.service.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import quantum.safety.web.BcryptUsers;
import quantum.safety.web.WebConfig;

/**
 * Who is calling, by the web config: the basic-auth user (checked against the bcrypt hashes) or the common name of a
 * verified client certificate. With {@code basic_auth_users} every path needs valid credentials, as on the exporter.
 */
public final class Authentication {

    /** The outcome for one call: allowed or not, and who, when known. */
    public record Caller(boolean allowed, Optional<String> name) {
    }

    private final Optional<BcryptUsers> users;
    private final boolean clientCertificatesVerified;

    public Authentication(WebConfig config) {
        this.users = config.basicAuthUsers().isEmpty() ? Optional.empty()
                : Optional.of(new BcryptUsers(config.basicAuthUsers()));
        this.clientCertificatesVerified = config.tls()
                .map(tls -> tls.clientAuth() != WebConfig.ClientAuth.NO_CLIENT_CERT && tls.clientCaFile().isPresent())
                .orElse(false);
    }

    /** Whether anyone can be identified at all: the audited operations are refused when not. */
    public boolean identifiesCallers() {
        return users.isPresent() || clientCertificatesVerified;
    }

    public Caller check(Call call) {
        if (users.isEmpty()) {
            return new Caller(true, call.clientName());
        }
        Optional<String[]> credentials = call.authorization().flatMap(Authentication::basic);
        if (credentials.isEmpty() || !users.get().check(credentials.get()[0], credentials.get()[1])) {
            return new Caller(false, Optional.empty());
        }
        return new Caller(true, Optional.of(credentials.get()[0]));
    }

    private static Optional<String[]> basic(String header) {
        if (header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
