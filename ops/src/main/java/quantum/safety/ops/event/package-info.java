/**
 * The events of an ops command: each a record of one thing that happened (a backup written, a file validated, a
 * reload refused, a check failed…), delivered in order to an {@link quantum.safety.ops.event.OpsListener}. The
 * command line renders them for people or as JSON lines; tests assert on them; ops itself never prints.
 */
package quantum.safety.ops.event;
