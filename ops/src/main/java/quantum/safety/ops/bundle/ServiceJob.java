package quantum.safety.ops.bundle;

/**
 * The bundle's scrape jobs besides the exporter's: services that run as units of their own, on some hosts only. Each
 * has an install flag that leaves its job out on a host that runs no such service, and verify and doctor only warn
 * about its targets, since the exporter's metrics and alerts work without it. Bundles older than a service lack its
 * job; install then does not add it, and verify does not look for it.
 *
 * @param jobName   the job's name in {@link BundlePaths#SCRAPE_JOB} and prometheus.yml
 * @param what      the service in words, for plans, marker comments and fixes
 * @param flag      the {@code ops install} flag that chooses whether the job goes in
 * @param unit      its systemd unit
 * @param listen    where it listens unless configured otherwise (the bundle's target)
 * @param listenEnv the env variable that moves it, or null when none is known here
 * @param downAlert the alert that fires while a target of the job is down
 * @param downNews  what that alert does: pages, or raises a ticket
 */
public record ServiceJob(String jobName, String what, String flag, String unit, String listen, String listenEnv,
                         String downAlert, String downNews) {

    /** {@code quantum-safety kernel serve}: routers asking it fail closed while it is down, so that pages. */
    public static final ServiceJob DECISION_SERVICE = new ServiceJob(BundlePaths.SERVICE_JOB_NAME, "decision service",
            "--job.decision-service", "quantum-safety-kernel", "127.0.0.1:9106", "QUANTUM_SAFETY_SERVICE_LISTEN_ADDRESS",
            "QuantumSafetyDecisionServiceDown", "pages");

    /** {@code quantum-safety archive}: the streams keep the events while it is down, so that raises a ticket. */
    public static final ServiceJob ARCHIVE = new ServiceJob(BundlePaths.ARCHIVE_JOB_NAME, "audit archive",
            "--job.archive", "quantum-safety-archive", "127.0.0.1:9107", "QUANTUM_SAFETY_ARCHIVE_LISTEN_ADDRESS",
            "QuantumSafetyArchiveDown",
            "raises a ticket");

    /** In the order of {@link BundlePaths#SCRAPE_JOB}, after the exporter's. */
    public static final java.util.List<ServiceJob> ALL = java.util.List.of(DECISION_SERVICE, ARCHIVE);

    /** The install flag that leaves the job out. */
    public String leaveOutFlag() {
        return flag + "=false";
    }

    /** The runbook section of {@link #downAlert}. */
    public String runbook() {
        return "docs/runbooks.md#" + downAlert.toLowerCase(java.util.Locale.ROOT);
    }
}
