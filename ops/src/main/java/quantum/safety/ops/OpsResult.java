package quantum.safety.ops;

/** How an ops command ended: the exit code (0 done, 1 failed or rolled back) and its one-line summary. */
public record OpsResult(int exitCode, String summary) {

    public static OpsResult ok(String summary) {
        return new OpsResult(0, summary);
    }

    public static OpsResult failed(String summary) {
        return new OpsResult(1, summary);
    }
}
