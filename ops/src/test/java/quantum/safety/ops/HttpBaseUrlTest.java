package quantum.safety.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Operator-given base URLs: credentials and queries are refused, and no message repeats a secret. */
class HttpBaseUrlTest {

    @Test
    void aUrlWithCredentialsIsRefusedWithoutRepeatingThem() {
        assertThatThrownBy(() -> Http.requireBaseUrl("--prometheus.url", "http://u:secretpw@127.0.0.1:9090"))
                .isInstanceOf(OpsInputException.class)
                .hasMessageStartingWith("--prometheus.url http://…@127.0.0.1:9090 carries credentials")
                .hasMessageContaining("not accepted: they would be visible in argv")
                .hasMessageContaining("no other way to give credentials")
                .hasMessageNotContaining("secretpw").hasMessageNotContaining("u:");
        assertThatThrownBy(() -> Http.requireBaseUrl("--alertmanager.url", "https://admin@am.example.com/"))
                .hasMessageStartingWith("--alertmanager.url https://…@am.example.com/ carries credentials")
                .hasMessageNotContaining("admin");
    }

    @Test
    void aMalformedUrlWithCredentialsIsRefusedWithoutRepeatingThem() {
        for (String bad : new String[] {"u:secretpw@127.0.0.1:9090", "http://u:secret pw@127.0.0.1:9090",
                "http://u:secretpw@127.0.0.1:9090/a b", "ftp://u:secretpw@127.0.0.1"}) {
            assertThatThrownBy(() -> Http.requireBaseUrl("--prometheus.url", bad)).as(bad)
                    .isInstanceOf(OpsInputException.class)
                    .hasMessageStartingWith("--prometheus.url ")
                    .hasMessageNotContaining("secret");
        }
    }

    @Test
    void aQueryOrFragmentIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> Http.requireBaseUrl("--prometheus.url", "http://127.0.0.1:9090/?token=s3cret"))
                .isInstanceOf(OpsInputException.class)
                .hasMessageStartingWith("--prometheus.url http://127.0.0.1:9090/ has a ?query or #fragment")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> Http.requireBaseUrl("--prometheus.url", "http://127.0.0.1:9090#x"))
                .isInstanceOf(OpsInputException.class);
    }

    @Test
    void aPlainBaseUrlIsKeptWithoutItsTrailingSlash() {
        assertThat(Http.requireBaseUrl("--prometheus.url", "http://127.0.0.1:9090/")).isEqualTo("http://127.0.0.1:9090");
        assertThat(Http.requireBaseUrl("--prometheus.url", "https://prom.example.com/prometheus"))
                .isEqualTo("https://prom.example.com/prometheus");
    }

    @Test
    void aRequestToAUrlWithCredentialsIsRefusedBeforeItIsSent() {
        assertThatThrownBy(() -> Http.withDefaults().get("http://u:secretpw@127.0.0.1:1/api/v1/query?query=up"))
                .isInstanceOf(OpsInputException.class).hasMessageNotContaining("secretpw");
    }
}
