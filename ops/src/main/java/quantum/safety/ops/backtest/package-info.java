/**
 * {@code ops backtest}: how often each alert of the bundle would have fired over a past range of a Prometheus'
 * history, with its current threshold and with candidate ones. A small PromQL parser finds the one threshold to
 * replace and the recorded series to inline; {@code query_range} gives the expression's value at each evaluation;
 * {@link quantum.safety.ops.backtest.EpisodeFinder} replays {@code for:} and {@code keep_firing_for:} on it.
 */
package quantum.safety.ops.backtest;
