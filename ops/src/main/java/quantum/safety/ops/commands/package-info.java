/**
 * The commands the tools print for the operator to run next (roll back, verify, install again): complete, with the
 * addresses and files the install used, {@code --yes} where a question would be asked, and quoted for a POSIX shell,
 * so that each one runs as printed. Each is printed at the end of its line.
 */
package quantum.safety.ops.commands;
