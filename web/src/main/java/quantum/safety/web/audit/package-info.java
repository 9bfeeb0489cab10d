/**
 * The audit trail page ({@code /audit}) that the audit archive serves and the exporter's status page links to: request
 * parsing, HTML and JSON rendering over an {@link quantum.safety.web.audit.AuditSource}, the archive's read API; and
 * {@link quantum.safety.web.audit.TimeBound}, the "duration ago or RFC 3339" time bound shared with
 * {@code ctl faults --since/--until}.
 */
package quantum.safety.web.audit;
