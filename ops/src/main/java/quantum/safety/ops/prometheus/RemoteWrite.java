package quantum.safety.ops.prometheus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import quantum.safety.ops.bundle.BundlePaths;

/**
 * The one {@code remote_write} entry install manages in prometheus.yml, sending our series to a long-term store
 * (Thanos Receive, Mimir, VictoriaMetrics…). Credentials only ever as file paths ({@code basic_auth.password_file},
 * {@code authorization.credentials_file}), so no secret is written into prometheus.yml or passed in argv. Built and
 * checked by {@link RemoteWriteInput}; the files are checked where Prometheus will read them by {@link RemoteWriteFiles}.
 *
 * @param url             the receiver's write endpoint, http(s), without credentials
 * @param username        basic-auth user, with {@code passwordFile}
 * @param passwordFile    absolute path of the file holding the basic-auth password
 * @param bearerTokenFile absolute path of the file holding a bearer token (instead of basic auth)
 * @param tlsCaFile       CA that signed the receiver's certificate; empty: the system's
 * @param tlsCertFile     client certificate, with {@code tlsKeyFile}
 * @param tlsKeyFile      client key, with {@code tlsCertFile}
 * @param headers         extra request headers, e.g. {@code X-Scope-OrgID} for a Mimir or Thanos tenant
 * @param allSeries       send every series Prometheus has, not only our jobs'; the queue is then Prometheus' default
 */
public record RemoteWrite(String url, Optional<String> username, Optional<Path> passwordFile,
                          Optional<Path> bearerTokenFile, Optional<Path> tlsCaFile, Optional<Path> tlsCertFile,
                          Optional<Path> tlsKeyFile, Map<String, String> headers, boolean allSeries) {

    /** The entry's {@code name}: how install finds its own entry again, and the {@code remote_name} of its metrics. */
    public static final String NAME = "quantum_safety";

    /*
     * Queue sizing for our jobs alone, from series counted on real scrapes: the exporter serves 77 series (79 in the
     * golden /metrics body's seeded state; its labels are bounded: 11 reasons, top-5 symbols, 7 collectors), the
     * decision service 287 (its latency histogram alone is 11 reasons x 17 series, plus JVM and process), the audit
     * archive about 30 (some 25 of its own: per-stream progress, gaps, errors by stage; plus process_*; counted from
     * its metric definitions), and Prometheus adds 5 per target (up, scrape_*): about 410 samples per 15 s scrape
     * interval, 27 samples/s. So:
     * - max_samples_per_send 1000: a whole scrape of all three jobs fits in one request, with about 2.4x headroom
     *   for symbols, reasons and handler/code pairs that appear later;
     * - capacity 5000 (5 requests' worth, within Prometheus' advice of 3-10x): a shard buffers about 180 s of our
     *   samples while the receiver is slow, and the WAL keeps the rest (about 2 h) while it is down;
     * - min_shards 1: one shard sends a 1000-sample request in well under a second, some 37x our rate, so one
     *   suffices; max_shards 4 lets Prometheus catch up after an outage (4 x 1000 samples per round trip) without
     *   opening the 200 connections of the default that a shared receiver would feel;
     * - batch_send_deadline 5s: a sample reaches the store within 5 s even when a batch is not full.
     * With --remote-write.all-series the volume is the whole Prometheus', which these numbers do not fit: the queue is
     * then left to Prometheus' defaults, which scale to any load.
     */
    static final Map<String, Object> QUEUE = queue();

    /** Rejects an entry without a URL; the rest is checked by {@link RemoteWriteInput}. */
    public RemoteWrite {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("remote write url is missing; build it with RemoteWriteInput");
        }
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /**
     * The jobs whose series are sent unless {@link #allSeries()}: the bundle's, the audit archive's included (its gap
     * and error history belongs in the long-term store with the rest).
     */
    public static List<String> ourJobs() {
        return List.of(BundlePaths.JOB_NAME, BundlePaths.SERVICE_JOB_NAME, BundlePaths.ARCHIVE_JOB_NAME);
    }

    /** The entry as prometheus.yml holds it, keys in the order of Prometheus' documentation. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", NAME);
        body.put("url", url);
        if (!headers.isEmpty()) {
            body.put("headers", new LinkedHashMap<>(headers));
        }
        if (passwordFile.isPresent()) {
            Map<String, Object> basic = new LinkedHashMap<>();
            basic.put("username", username.orElse(""));
            basic.put("password_file", passwordFile.get().toString());
            body.put("basic_auth", basic);
        }
        bearerTokenFile.ifPresent(token -> {
            Map<String, Object> authorization = new LinkedHashMap<>();
            authorization.put("type", "Bearer");
            authorization.put("credentials_file", token.toString());
            body.put("authorization", authorization);
        });
        if (tlsCaFile.isPresent() || tlsCertFile.isPresent()) {
            Map<String, Object> tls = new LinkedHashMap<>();
            tlsCaFile.ifPresent(p -> tls.put("ca_file", p.toString()));
            tlsCertFile.ifPresent(p -> tls.put("cert_file", p.toString()));
            tlsKeyFile.ifPresent(p -> tls.put("key_file", p.toString()));
            body.put("tls_config", tls);
        }
        if (!allSeries) {
            body.put("queue_config", new LinkedHashMap<>(QUEUE));
            Map<String, Object> keep = new LinkedHashMap<>();
            keep.put("source_labels", new ArrayList<>(List.of("job")));
            keep.put("regex", String.join("|", ourJobs()));
            keep.put("action", "keep");
            body.put("write_relabel_configs", new ArrayList<>(List.of(keep)));
        }
        return body;
    }

    /** The files Prometheus reads for this entry, each with the flag that named it. */
    public Map<String, Path> files() {
        Map<String, Path> files = new LinkedHashMap<>();
        passwordFile.ifPresent(p -> files.put(RemoteWriteInput.PASSWORD_FILE, p));
        bearerTokenFile.ifPresent(p -> files.put(RemoteWriteInput.BEARER_TOKEN_FILE, p));
        tlsCaFile.ifPresent(p -> files.put(RemoteWriteInput.TLS_CA_FILE, p));
        tlsCertFile.ifPresent(p -> files.put(RemoteWriteInput.TLS_CERT_FILE, p));
        tlsKeyFile.ifPresent(p -> files.put(RemoteWriteInput.TLS_KEY_FILE, p));
        return files;
    }

    /** What the plan shows: where it sends, how it authenticates, what. Never a secret (there is none here). */
    @Override
    public String toString() {
        String auth = passwordFile.isPresent() ? "basic auth as " + username.orElse("") : bearerTokenFile.isPresent()
                ? "bearer token from " + bearerTokenFile.get() : "no auth";
        return NAME + " -> " + url + " (" + auth + (headers.isEmpty() ? "" : ", headers " + headers.keySet()) + ", "
                + (allSeries ? "every series" : "jobs " + String.join(", ", ourJobs()) + " only") + ")";
    }

    private static Map<String, Object> queue() {
        Map<String, Object> queue = new LinkedHashMap<>();
        queue.put("capacity", 5000);
        queue.put("max_shards", 4);
        queue.put("min_shards", 1);
        queue.put("max_samples_per_send", 1000);
        queue.put("batch_send_deadline", "5s");
        return java.util.Collections.unmodifiableMap(queue);
    }
}
