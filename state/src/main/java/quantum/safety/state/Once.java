package quantum.safety.state;

import java.util.function.Supplier;

/** A value computed on first use and kept: how {@link StateRead} finishes each record once, when first asked for. */
final class Once<T> implements Supplier<T> {

    private Supplier<T> compute;
    private T value;

    Once(Supplier<T> compute) {
        this.compute = compute;
    }

    @Override
    public T get() {
        if (compute != null) {
            value = compute.get();
            compute = null;
        }
        return value;
    }
}
