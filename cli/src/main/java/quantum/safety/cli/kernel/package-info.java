/**
 * {@code quantum-safety kernel}: one safety decision from the command line ({@code kernel decide}), with the kernel's
 * settings as flags and their env twins ({@link quantum.safety.cli.kernel.KernelOptions}, also used by {@code ctl}),
 * declared in the kernel's {@code KernelSetting} table.
 */
package quantum.safety.cli.kernel;
