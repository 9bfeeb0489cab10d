package quantum.safety.ops.prometheus;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The rule file {@code ops install} writes next to the bundle's, not part of the bundle: one recording rule whose value
 * is the time of the install that wrote it and whose labels name it. Written only by an install that changes
 * something else (installing twice changes nothing), backed up and restored with the other files, so Prometheus'
 * history of this one series shows every install (a new {@code install_id} with a newer time) and every rollback (the
 * series gone, or back to an older install's). The dashboard's deployment annotations read it. Evaluated every 10 s:
 * Prometheus marks the series of a removed group stale only two intervals after the reload, and the rollback mark
 * starts then.
 */
public final class DeploymentRule {

    /** Its file name in the operator's rules folder. */
    public static final String FILE_NAME = "quantum_safety_deployment.yml";
    public static final String GROUP = "quantum_safety_deployment";
    /** The recorded series: the install's time, in seconds since the epoch. */
    public static final String METRIC = "quantum_safety_ops_install_timestamp_seconds";

    /** Install ids as {@link quantum.safety.ops.backup.ManifestStore} makes them: nothing a YAML scalar must quote. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+");

    private DeploymentRule() {
    }

    /** The file for the install {@code installId}, made at {@code at}. */
    public static byte[] render(String installId, Instant at) {
        if (!ID.matcher(installId).matches()) {
            throw new IllegalArgumentException("install id '" + installId + "' is not letters, digits, '_' and '-'");
        }
        return ("""
                # Written by 'quantum-safety ops install' (%s); do not edit.
                # Its one rule says which install is live and since when (the value, in seconds since the epoch): the
                # dashboard marks each install and rollback from it. 'quantum-safety ops rollback' restores this file
                # with the others, or removes it.
                groups:
                  - name: %s
                    interval: 10s
                    rules:
                      - record: %s
                        expr: vector(%d)
                        labels:
                          action: install
                          install_id: %s
                """).formatted(installId, GROUP, METRIC, at.getEpochSecond(), installId)
                .getBytes(StandardCharsets.UTF_8);
    }
}
