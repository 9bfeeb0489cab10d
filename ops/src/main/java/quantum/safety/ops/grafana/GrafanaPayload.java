package quantum.safety.ops.grafana;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import quantum.safety.monitoring.Bundle;

/**
 * The body of Grafana's dashboard import API ({@code POST /api/dashboards/db}): the bundle's dashboard model
 * wrapped as {@code {"dashboard": <model>, "folderUid": …, "overwrite": …}}.
 *
 * <p>The file in the bundle stays the model itself, at the JSON root, because that is what file provisioning
 * loads; the legacy dashboard was saved in this wrapper and provisioning could not read it. Building the wrapper
 * from the same file means the two ways of installing the dashboard can never diverge.
 */
public final class GrafanaPayload {

    /** Grafana's rule for folder UIDs: letters, digits, '-' and '_', at most 40 characters. */
    private static final Pattern FOLDER_UID = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode dashboard;
    private final String folderUid;
    private final boolean overwrite;

    private GrafanaPayload(ObjectNode dashboard, String folderUid, boolean overwrite) {
        this.dashboard = dashboard;
        this.folderUid = folderUid;
        this.overwrite = overwrite;
    }

    /**
     * The payload for the bundle's dashboard.
     *
     * @param folderUid the target folder's UID; empty puts the dashboard in Grafana's root ("General") folder
     * @param overwrite replace a dashboard with the same uid (Grafana refuses the import otherwise)
     * @throws IllegalArgumentException if the folder UID is not a valid Grafana UID
     */
    public static GrafanaPayload of(Optional<String> folderUid, boolean overwrite) {
        String uid = folderUid.map(String::trim).orElse("");
        if (!uid.isEmpty() && !FOLDER_UID.matcher(uid).matches()) {
            throw new IllegalArgumentException("folder UID '" + uid + "' is not a Grafana UID: use up to 40 letters, "
                    + "digits, '-' or '_' (GET /api/folders lists the UIDs)");
        }
        return new GrafanaPayload(dashboardModel(), uid, overwrite);
    }

    /** The dashboard model exactly as the bundle ships it for file provisioning. */
    public static ObjectNode dashboardModel() {
        try (InputStream in = Bundle.open(Bundle.DASHBOARD)) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboard " + Bundle.DASHBOARD + " from the bundle", e);
        }
    }

    public ObjectNode dashboard() {
        return dashboard.deepCopy();
    }

    public String folderUid() {
        return folderUid;
    }

    public boolean overwrite() {
        return overwrite;
    }

    public ObjectNode toJson() {
        ObjectNode payload = JSON.createObjectNode();
        payload.set("dashboard", dashboard.deepCopy());
        payload.put("folderUid", folderUid);
        payload.put("overwrite", overwrite);
        return payload;
    }

    /** Indented JSON, ready for {@code curl --data @-}. */
    public String render() {
        try {
            return JSON.writeValueAsString(toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the Grafana payload", e);
        }
    }

    @Override
    public String toString() {
        return "GrafanaPayload[uid=" + dashboard.path("uid").asText() + ", folderUid=" + folderUid
                + ", overwrite=" + overwrite + "]";
    }
}
