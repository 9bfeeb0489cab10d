package quantum.safety.kernel;

/**
 * How this kernel's settings reached Redis ({@link RedisSchema#kernelSettings()}), for the embedding service's own
 * metrics: a failure count that grows means readers show their own configuration instead of this kernel's limits.
 *
 * @param published publications Redis accepted
 * @param failures  publications Redis refused or did not answer; decisions were not affected
 */
public record SettingsPublication(long published, long failures) {
}
