/**
 * The {@code quantum-safety ops} commands: options in, requests to the ops module, and its events rendered out, as
 * text for people or, with {@code --json}, as one JSON object per line for scripts.
 */
package quantum.safety.cli.ops;
