package quantum.safety.ops.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import quantum.safety.ops.bundle.BundlePaths;
import quantum.safety.ops.validate.GrafanaFiles;
import quantum.safety.ops.verify.CheckResult;
import quantum.safety.ops.verify.Section;

/**
 * The Grafana side, from its files (there is no Grafana API to ask here): the provisioning file points at the
 * dashboard folder, and the dashboard there is a model file provisioning can load (legacy bug: it was wrapped in
 * {@code "dashboard"} and had no uid, so provisioning silently skipped it).
 */
final class DashboardChecks {

    private DashboardChecks() {
    }

    static List<CheckResult> run(DoctorSettings s) {
        if (s.grafanaProvisioningDir().isEmpty() || s.grafanaDashboardsDir().isEmpty()) {
            return List.of(CheckResult.skipped(Section.DASHBOARD_PROVISIONING, "dashboard provisioned",
                    "no --grafana.provisioning-dir / --grafana.dashboards-dir given"));
        }
        Path provisioning = s.grafanaProvisioningDir().get().resolve(BundlePaths.fileName(BundlePaths.DASHBOARD_PROVISIONING));
        Path dashboards = s.grafanaDashboardsDir().get().toAbsolutePath().normalize();
        Path dashboard = dashboards.resolve(BundlePaths.fileName(BundlePaths.DASHBOARD));
        List<CheckResult> results = new ArrayList<>();
        try {
            if (!Files.isRegularFile(provisioning)) {
                results.add(CheckResult.failed(Section.DASHBOARD_PROVISIONING, "provisioning file", provisioning + " absent",
                        "install the bundle with the Grafana folders: " + s.verify().commands().install(null)));
            } else {
                String yaml = Files.readString(provisioning);
                List<String> problems = new ArrayList<>(GrafanaFiles.provisioningProblems(yaml));
                List<String> paths = GrafanaFiles.provisioningPaths(yaml);
                if (paths.stream().noneMatch(p -> Path.of(p).toAbsolutePath().normalize().equals(dashboards))) {
                    problems.add("options.path " + paths + " is not " + dashboards);
                }
                String evidence = provisioning + " (" + Files.size(provisioning) + " bytes), options.path " + paths;
                results.add(problems.isEmpty() ? CheckResult.passed(Section.DASHBOARD_PROVISIONING, "provisioning file", evidence)
                        : CheckResult.failed(Section.DASHBOARD_PROVISIONING, "provisioning file", evidence + "; " + problems,
                        "install the bundle with the Grafana folders: " + s.verify().commands().install(null)));
            }
            if (!Files.isRegularFile(dashboard)) {
                results.add(CheckResult.failed(Section.DASHBOARD_PROVISIONING, "dashboard model", dashboard + " absent",
                        "install the bundle with the Grafana folders: " + s.verify().commands().install(null)));
            } else {
                byte[] json = Files.readAllBytes(dashboard);
                List<String> problems = GrafanaFiles.dashboardProblems(json);
                String evidence = dashboard + " (" + json.length + " bytes, sha1 " + sha1(json) + "), "
                        + GrafanaFiles.dashboardSummary(json);
                results.add(problems.isEmpty() ? CheckResult.passed(Section.DASHBOARD_PROVISIONING, "dashboard model", evidence)
                        : CheckResult.failed(Section.DASHBOARD_PROVISIONING, "dashboard model", evidence + "; " + problems,
                        "install the bundle's dashboard over it: " + s.verify().commands().install(null, "--force")));
            }
        } catch (IOException e) {
            results.add(CheckResult.failed(Section.DASHBOARD_PROVISIONING, "dashboard files", e.getMessage(),
                    "check the folders' permissions"));
        }
        return results;
    }

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            return new String(bytes, 0, 0, StandardCharsets.UTF_8);
        }
    }
}
