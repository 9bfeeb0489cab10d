package quantum.safety.ops;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import quantum.safety.kernel.FailureWords;

/**
 * Plain HTTP with short deadlines for the operator tools: Prometheus, Alertmanager and the exporter are local
 * services, and a check that hangs is worse than one that says "did not answer in 3s".
 */
public final class Http {

    /** One answer: status and body. */
    public record Response(int status, String body) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    /** The service did not answer at all (refused, timed out, unknown host): a message that says which and where. */
    public static final class UnreachableException extends IOException {
        public UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final HttpClient client;
    private final Duration timeout;

    public Http(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static Http withDefaults() {
        return new Http(Duration.ofSeconds(3));
    }

    public Response get(String url) throws UnreachableException {
        return send(HttpRequest.newBuilder(uri(url)).timeout(timeout).GET().build());
    }

    public Response post(String url) throws UnreachableException {
        return send(HttpRequest.newBuilder(uri(url)).timeout(timeout.multipliedBy(10))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private Response send(HttpRequest request) throws UnreachableException {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (HttpConnectTimeoutException e) {
            throw new UnreachableException(request.uri() + ": no connection within " + timeout.toMillis() + "ms", e);
        } catch (HttpTimeoutException e) {
            throw new UnreachableException(request.uri() + ": no answer within " + request.timeout().orElse(timeout).toMillis() + "ms", e);
        } catch (ConnectException e) {
            throw new UnreachableException(request.uri() + ": connection refused", e);
        } catch (IOException e) {
            throw new UnreachableException(request.uri() + ": " + FailureWords.of(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException(request.uri() + ": interrupted", e);
        }
    }

    private static URI uri(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // The reason only: the exception's message repeats the whole text, credentials and all.
            throw new OpsInputException("'" + shown(url) + "' is not a usable URL (" + e.getReason()
                    + "); use e.g. http://127.0.0.1:9090");
        }
        if (uri.getRawUserInfo() != null) {
            throw new OpsInputException(shown(url) + " carries credentials (user:password@), which are not accepted: "
                    + "they would be visible in argv, in the install manifest and in reports, and the ops commands have "
                    + "no other way to give credentials to Prometheus or Alertmanager either; remove them and point it "
                    + "at an address that needs none, e.g. the service's loopback address on its own host");
        }
        if (uri.getHost() == null || uri.getScheme() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new OpsInputException("'" + shown(url) + "' is not a usable URL (not an http(s) URL with a host); "
                    + "use e.g. http://127.0.0.1:9090");
        }
        return uri;
    }

    /**
     * The URL as a message may show it: what looks like user information (before an {@code @} in the authority) is
     * left out, also from text that is no URL at all.
     */
    static String shown(String url) {
        int scheme = url.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        int at = url.lastIndexOf('@', end - 1);
        return at < start ? url : url.substring(0, start) + "…@" + url.substring(at + 1);
    }

    /**
     * Checks an operator-given base URL early, naming the flag: bad input exits 2 before anything changes. A base URL
     * has no query or fragment, since the API paths are appended to it.
     */
    public static String requireBaseUrl(String flag, String url) {
        URI uri;
        try {
            uri = uri(url);
        } catch (OpsInputException e) {
            throw new OpsInputException(flag + " " + e.getMessage());
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new OpsInputException(flag + " " + uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath()
                    + " has a ?query or #fragment, which a base URL cannot have (the API paths are appended to it); "
                    + "remove it, e.g. http://127.0.0.1:9090");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
