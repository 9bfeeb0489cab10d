/**
 * Benchmarks run by hand, never by the test phase: JMH benchmarks of the kernel's decision and the exporter's
 * scrape, each next to a Redis PING measured in the same run, the decision service through HTTP from Java and from the
 * Python client next to PING and the in-process kernel, the exporter's load harness against the real process, and the
 * memory harnesses that run the exporter and the decision service as their systemd units do. Figures go to
 * docs/benchmarks.md.
 */
package quantum.safety.bench;
