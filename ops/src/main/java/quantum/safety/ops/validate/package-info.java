/**
 * Validation by the real tools before anything is written: promtool and amtool run on staged copies of the files,
 * and the structural checks of the Grafana files.
 */
package quantum.safety.ops.validate;
