/**
 * The {@code quantum-safety} command: the picocli root ({@link quantum.safety.cli.Main}), the options every command
 * shares (Redis, logging, durations) and how failures become exit codes and one stderr line
 * ({@link quantum.safety.cli.ExitCodes}). Each subcommand lives in a sub-package named after it.
 */
package quantum.safety.cli;
