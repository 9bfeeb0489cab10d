/**
 * {@code quantum-safety demo}: the whole system on one machine (a private Redis, the kernel under a simulated order
 * flow, the exporter) with a live status line. Its flags, each with its own {@code QUANTUM_SAFETY_DEMO_*} env twin,
 * are the {@link quantum.safety.cli.demo.DemoSetting} table.
 */
package quantum.safety.cli.demo;
