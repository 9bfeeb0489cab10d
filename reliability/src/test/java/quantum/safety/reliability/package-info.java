/**
 * The reliability suite: the kernel and the exporter against real failures (Redis killed, frozen, busy, out of
 * memory, Sentinel and Cluster failovers, hostile data and clients, load). Each scenario records its measured row
 * in {@code target/reliability-results.md}, the source of {@code docs/reliability.md}.
 */
package quantum.safety.reliability;
