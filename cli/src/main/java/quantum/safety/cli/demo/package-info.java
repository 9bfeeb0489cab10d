/**
 * {@code quantum-safety demo}: its flags, each with its own {@code QUANTUM_SAFETY_DEMO_*} env twin (the
 * {@link quantum.safety.cli.demo.DemoSetting} table), checked and handed to {@code quantum.safety.demo.Demo} (the
 * {@code demo} module: a private Redis, the kernel under a simulated order flow, the exporter, a live status line),
 * whose refusals of the operator's input become usage errors (exit 2).
 */
package quantum.safety.cli.demo;
