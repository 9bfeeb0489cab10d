/**
 * Benchmarks run by hand, never by the test phase: JMH benchmarks of the kernel's decision and the exporter's
 * scrape, each next to a Redis PING measured in the same run, and the exporter's load harness against the real
 * process. Figures go to docs/benchmarks.md.
 */
package quantum.safety.bench;
