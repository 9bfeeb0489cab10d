/**
 * How the status renderings (the exporter's status page and {@code quantum-safety ctl}) write times, durations and
 * values read from Redis. What they show comes from the read model in {@code quantum.safety.state}.
 */
package quantum.safety.exporter.status;
