package quantum.safety.ops.backtest;

/** An expression the backtest's PromQL parser cannot read; the message says where. */
public final class PromqlException extends IllegalArgumentException {

    public PromqlException(String message) {
        super(message);
    }
}
