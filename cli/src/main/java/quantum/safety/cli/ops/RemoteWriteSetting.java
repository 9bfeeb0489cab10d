package quantum.safety.cli.ops;

import quantum.safety.kernel.settings.Setting;
import quantum.safety.kernel.settings.SettingRow;
import quantum.safety.ops.prometheus.RemoteWriteInput;

/**
 * The settings table of {@code ops install}'s remote write to a long-term store: one row per flag, the flag names
 * spelt by {@link RemoteWriteInput}, which checks the values. The README's remote-write table is generated from it.
 * Credentials come only from files: no row takes a secret.
 */
public enum RemoteWriteSetting implements SettingRow {

    URL(Setting.builder().flag(RemoteWriteInput.URL).env("QUANTUM_SAFETY_REMOTE_WRITE_URL")
            .shownDefault("the install in place's, else none").unit("URL|none")
            .help("Send our series to a long-term store: install adds one remote_write entry (name quantum_safety, "
                    + "under a marker comment) to prometheus.yml after the operator's own. The manifest records it "
                    + "(URL, user, headers and the files' paths, never their contents), so a later install without any "
                    + "--remote-write.* flag keeps it, the plan saying from which install; giving the flags replaces "
                    + "it (give them all: the recorded ones are not merged in). none takes it out, and so does rolling "
                    + "back the install that added it. http(s), with the receiver's write path and no credentials in "
                    + "it (neither user:password@ nor a query parameter such as ?token=). Example: "
                    + "--remote-write.url=https://mimir.example.com/api/v1/push, or --remote-write.url=none")),
    USERNAME(Setting.builder().flag(RemoteWriteInput.USERNAME).env("QUANTUM_SAFETY_REMOTE_WRITE_USERNAME")
            .shownDefault("no basic auth").unit("text")
            .help("Basic-auth user for the receiver, with --remote-write.password-file. Example: "
                    + "--remote-write.username=trading")),
    PASSWORD_FILE(Setting.builder().flag(RemoteWriteInput.PASSWORD_FILE).env("QUANTUM_SAFETY_REMOTE_WRITE_PASSWORD_FILE")
            .shownDefault("none").unit("file")
            .help("File holding the basic-auth password (basic_auth.password_file: Prometheus reads it on every "
                    + "request, so the secret is never in prometheus.yml or argv). Must exist, be readable and not "
                    + "be empty; written into prometheus.yml as an absolute path, so make it readable by the user "
                    + "Prometheus runs as. Example: --remote-write.password-file=/etc/prometheus/secrets/remote-write")),
    BEARER_TOKEN_FILE(Setting.builder().flag(RemoteWriteInput.BEARER_TOKEN_FILE)
            .env("QUANTUM_SAFETY_REMOTE_WRITE_BEARER_TOKEN_FILE").shownDefault("none").unit("file")
            .help("File holding a bearer token (authorization.credentials_file), instead of basic auth; checked like "
                    + "--remote-write.password-file. Example: --remote-write.bearer-token-file=/etc/prometheus/secrets/token")),
    TLS_CA_FILE(Setting.builder().flag(RemoteWriteInput.TLS_CA_FILE).env("QUANTUM_SAFETY_REMOTE_WRITE_TLS_CA_FILE")
            .shownDefault("the system's CAs").unit("file")
            .help("CA certificate (PEM) that signed the receiver's certificate, for an https:// URL. "
                    + "Example: --remote-write.tls-ca-file=/etc/prometheus/tls/store-ca.pem")),
    TLS_CERT_FILE(Setting.builder().flag(RemoteWriteInput.TLS_CERT_FILE).env("QUANTUM_SAFETY_REMOTE_WRITE_TLS_CERT_FILE")
            .shownDefault("none").unit("file")
            .help("Client certificate (PEM) for a receiver that asks for one, with --remote-write.tls-key-file. "
                    + "Example: --remote-write.tls-cert-file=/etc/prometheus/tls/client.pem")),
    TLS_KEY_FILE(Setting.builder().flag(RemoteWriteInput.TLS_KEY_FILE).env("QUANTUM_SAFETY_REMOTE_WRITE_TLS_KEY_FILE")
            .shownDefault("none").unit("file")
            .help("The client certificate's key (PEM), readable by the user Prometheus runs as. "
                    + "Example: --remote-write.tls-key-file=/etc/prometheus/tls/client-key.pem")),
    HEADER(Setting.builder().flag(RemoteWriteInput.HEADER).env("QUANTUM_SAFETY_REMOTE_WRITE_HEADERS")
            .shownDefault("none").unit("NAME=VALUE")
            .help("An extra request header, e.g. the tenant of Mimir, Cortex or Thanos Receive; repeat the flag (or "
                    + "separate with commas) for several. Headers are written into prometheus.yml, so one that looks "
                    + "like a credential (Authorization, *token*, *key*, *secret*…) is refused: use a file flag. "
                    + "Example: --remote-write.header=X-Scope-OrgID=trading")),
    ALL_SERIES(Setting.builder().flag(RemoteWriteInput.ALL_SERIES).env("QUANTUM_SAFETY_REMOTE_WRITE_ALL_SERIES")
            .shownDefault("false").unit("true|false")
            .help("Send every series this Prometheus has, not only the jobs quantum_safety_telemetry, "
                    + "quantum_safety_kernel and quantum_safety_archive (and the rules' results on them), which a "
                    + "write_relabel_configs keep "
                    + "selects otherwise; the queue then has Prometheus' defaults instead of ours, which are sized for "
                    + "our jobs' few hundred series per scrape."));

    private final Setting setting;

    RemoteWriteSetting(Setting.Builder setting) {
        this.setting = setting.build();
    }

    @Override
    public Setting setting() {
        return setting;
    }
}
