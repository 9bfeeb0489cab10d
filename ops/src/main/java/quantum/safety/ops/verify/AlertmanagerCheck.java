package quantum.safety.ops.verify;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import quantum.safety.ops.Http;

/**
 * Prometheus sends alerts to an Alertmanager ({@code /api/v1/alertmanagers}), and that Alertmanager is up
 * ({@code /-/ready}). The legacy deployment had none: "alerts visible but no notifications". Alerts going nowhere
 * fail the check when an Alertmanager was asked for; when none was, it is a warning.
 */
public final class AlertmanagerCheck implements Check {

    @Override
    public String title() {
        return "Alertmanager configured and reachable";
    }

    @Override
    public List<CheckResult> run(Observations o, VerifySettings s) {
        String configured = "Alertmanager configured in Prometheus";
        String reachable = "Alertmanager reachable";
        if (!o.alertmanagers().ok()) {
            return List.of(CheckResult.failed(Section.ALERTMANAGER, configured,
                    "GET /api/v1/alertmanagers: " + o.alertmanagers().error(), "start Prometheus or point --prometheus.url at it"));
        }
        List<String> urls = o.alertmanagers().value();
        Optional<String> wanted = s.alertmanagerUrl().map(AlertmanagerCheck::hostPort);
        List<CheckResult> results = new ArrayList<>();
        if (urls.isEmpty()) {
            if (!s.requireAlertmanager() && wanted.isEmpty()) {
                // Not asked for, so not a reason to undo an install; but alerts that reach nobody must not go unsaid.
                return List.of(CheckResult.warning(Section.ALERTMANAGER, configured,
                        "Prometheus at " + s.prometheus().baseUrl() + " sends alerts to no Alertmanager, and none was "
                                + "asked for: alerts fire, nobody is told",
                        "give Prometheus an Alertmanager (install adds it to prometheus.yml when that has no alerting "
                                + "section), e.g. the one on this host: " + s.commands().install(null,
                                "--alertmanager.url=http://127.0.0.1:9093")));
            }
            results.add(CheckResult.failed(Section.ALERTMANAGER, configured,
                    "Prometheus at " + s.prometheus().baseUrl() + " sends alerts to no Alertmanager: alerts fire, nobody is told",
                    "add alerting.alertmanagers to prometheus.yml; install does it when that section is absent and "
                            + "--alertmanager.url is given" + (s.setup().alertmanagerUrl() == null ? ""
                            : ": " + s.commands().install(null))));
        } else if (wanted.isPresent() && urls.stream().map(AlertmanagerCheck::hostPort).noneMatch(wanted.get()::equals)) {
            results.add(CheckResult.failed(Section.ALERTMANAGER, configured, "Prometheus sends alerts to " + urls
                    + ", not to " + s.alertmanagerUrl().get(), "add " + wanted.get()
                    + " to alerting.alertmanagers in prometheus.yml, or pass the right --alertmanager.url"));
        } else {
            results.add(CheckResult.passed(Section.ALERTMANAGER, configured, "Prometheus sends alerts to " + urls));
        }
        List<String> bases = new ArrayList<>();
        s.alertmanagerUrl().ifPresentOrElse(bases::add, () -> urls.forEach(u -> bases.add(base(u))));
        for (String base : bases) {
            results.add(ready(s.http(), base, reachable + " (" + base + ")"));
        }
        return results;
    }

    private static CheckResult ready(Http http, String base, String name) {
        try {
            Http.Response response = http.get(base + "/-/ready");
            if (response.status() == 200) {
                return CheckResult.passed(Section.ALERTMANAGER, name, "GET " + base + "/-/ready -> 200");
            }
            return CheckResult.failed(Section.ALERTMANAGER, name, "GET " + base + "/-/ready -> " + response.status(),
                    "check the Alertmanager log (amtool check-config on its config)");
        } catch (Http.UnreachableException e) {
            return CheckResult.failed(Section.ALERTMANAGER, name, e.getMessage(),
                    "start Alertmanager (systemctl start prometheus-alertmanager) or fix the address");
        }
    }

    /** {@code http://127.0.0.1:9093/api/v2/alerts} → {@code http://127.0.0.1:9093}. */
    static String base(String alertsUrl) {
        URI uri = URI.create(alertsUrl);
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("/api/v[12]/alerts/?$", "");
        return uri.getScheme() + "://" + uri.getRawAuthority() + path;
    }

    static String hostPort(String url) {
        return URI.create(url).getRawAuthority();
    }
}
