/**
 * The demo: everything on one machine. A private Redis (or a scratch one given by address), the real safety kernel
 * under a simulated order flow whose bursts trip SAFE MODE, the exporter serving it, and a live status line, started
 * and stopped as one {@link quantum.safety.demo.Demo}. The {@code quantum-safety demo} command (module {@code cli})
 * only parses its flags.
 */
package quantum.safety.demo;
