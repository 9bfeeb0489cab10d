/**
 * {@code quantum-safety archive}: the flags and env (declared in {@code ArchiveSetting}, {@code RedisSetting} and
 * PostgreSQL's own {@code PG*} variables) that configure the audit archive, and the process that runs it until
 * SIGTERM.
 */
package quantum.safety.cli.archive;
