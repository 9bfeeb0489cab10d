/**
 * The {@code quantum-safety} command: the picocli root ({@link quantum.safety.cli.Main}), the options every command
 * shares (Redis, logging with its {@link quantum.safety.cli.LoggingSetting} table, durations) and how failures become
 * exit codes and one stderr line ({@link quantum.safety.cli.ExitCodes}). Each subcommand lives in a sub-package named
 * after it; {@code settings} turns the settings tables into picocli defaults, env twins and help.
 */
package quantum.safety.cli;
