package quantum.safety.ops.plan;

/** A reload the plan will do or ask for: {@code how} is the request ({@code POST …/-/reload}) or the command to run by hand. */
public record PlannedReload(Service service, String how) {
}
