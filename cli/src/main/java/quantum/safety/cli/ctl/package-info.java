/**
 * {@code quantum-safety ctl}: the operator console. It reads the safety state (status, faults, rate windows) and makes
 * audited changes (SAFE MODE, kill switch) through the kernel's operations, refusing bad input before anything is
 * read or written.
 */
package quantum.safety.cli.ctl;
