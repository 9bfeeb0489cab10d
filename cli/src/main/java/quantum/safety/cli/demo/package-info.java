/**
 * {@code quantum-safety demo}: its flags and env twins, checked and handed to {@code quantum.safety.demo.Demo} (the
 * {@code demo} module), whose refusals of the operator's input become usage errors (exit 2).
 */
package quantum.safety.cli.demo;
