/**
 * {@code quantum-safety ops backtest}: the command, its settings table and the three renderings of its report
 * (a table for people, JSON for scripts, Markdown for a pull request).
 */
package quantum.safety.cli.ops.backtest;
