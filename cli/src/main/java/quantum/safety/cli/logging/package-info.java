/**
 * The logging of the runnable jar: logfmt and JSON layouts for Logback, chosen by --log.format, and the start-up
 * configuration that --log.level applies before a command runs.
 */
package quantum.safety.cli.logging;
