package quantum.safety.ops.backtest;

/** A backtest that could not be done: Prometheus did not answer or failed a query. Exit 1, one line. */
public final class BacktestFailure extends RuntimeException {

    public BacktestFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
