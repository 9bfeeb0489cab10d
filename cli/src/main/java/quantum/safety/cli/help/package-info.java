/**
 * {@code --help} as operators read and copy it: wrapped at the terminal's width, broken only at spaces, so that a URL,
 * a path, a flag with its value or an example command is never cut in two; example commands that do not fit are
 * continued with the shell's {@code \}, so every line runs as printed. Also gives every subcommand the root's
 * {@code --version}.
 */
package quantum.safety.cli.help;
