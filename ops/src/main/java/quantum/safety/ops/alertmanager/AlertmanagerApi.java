package quantum.safety.ops.alertmanager;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import quantum.safety.ops.Http;

/**
 * The parts of Alertmanager's API ops uses: {@code POST /-/reload}, and the config it runs now
 * ({@code GET /api/v2/status}, whose {@code config.original} is the loaded config re-rendered as YAML, secrets
 * masked), of which the receivers are what tells one config from another.
 */
public final class AlertmanagerApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final Http http;

    public AlertmanagerApi(String baseUrl, Http http) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = http;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The reload request as an operator types it, to retry by hand. */
    public String reloadCommand() {
        return reloadCommand(baseUrl);
    }

    /** The reload request of the Alertmanager at {@code baseUrl}, as an operator types it. */
    public static String reloadCommand(String baseUrl) {
        return "curl -X POST " + (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl)
                + "/-/reload";
    }

    /** Asks Alertmanager to re-read its config; on a refusal it keeps running the old one and the body says why. */
    public Http.Response reload() throws Http.UnreachableException {
        return http.post(baseUrl + "/-/reload");
    }

    /** The receiver names of the config Alertmanager runs now, in its order. */
    public List<String> runningReceivers() throws Http.UnreachableException {
        Http.Response response = http.get(baseUrl + "/api/v2/status");
        if (!response.ok()) {
            throw new Http.UnreachableException("GET " + baseUrl + "/api/v2/status -> " + response.status(), null);
        }
        try {
            JsonNode original = JSON.readTree(response.body()).path("config").path("original");
            if (!original.isTextual()) {
                throw new Http.UnreachableException("GET " + baseUrl + "/api/v2/status: no config.original in the "
                        + "answer; is this an Alertmanager?", null);
            }
            return receivers(original.asText());
        } catch (JsonProcessingException e) {
            throw new Http.UnreachableException("GET " + baseUrl + "/api/v2/status: not JSON; is this an Alertmanager?", e);
        }
    }

    /** The receiver names of an Alertmanager config's text, in order; none when it is not such a config. */
    public static List<String> receivers(String yaml) {
        Object loaded;
        try {
            loaded = new Yaml(new LoaderOptions()).load(yaml);
        } catch (YAMLException e) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        if (loaded instanceof Map<?, ?> map && map.get("receivers") instanceof List<?> receivers) {
            for (Object receiver : receivers) {
                if (receiver instanceof Map<?, ?> r && r.get("name") != null) {
                    names.add(String.valueOf(r.get("name")));
                }
            }
        }
        return names;
    }
}
