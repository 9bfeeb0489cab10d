/**
 * Where ops reads the monitoring bundle from: the jar's own resources or a folder, behind one source interface.
 */
package quantum.safety.ops.bundle;
