package quantum.safety.ops.backtest;

import java.util.List;
import java.util.Set;

/**
 * The parts of a PromQL expression the backtest reasons about, each with its place ({@code start} inclusive,
 * {@code end} exclusive) in the original text.
 */
sealed interface PromqlNode {

    Set<String> COMPARISONS = Set.of("==", "!=", "<", ">", "<=", ">=");
    Set<String> SET_OPERATORS = Set.of("and", "or", "unless");

    int start();

    int end();

    /** A number literal, Inf or NaN. */
    record Num(int start, int end) implements PromqlNode {
    }

    record Str(int start, int end) implements PromqlNode {
    }

    /** A vector selector: a metric name and/or label matchers; {@code name} null when only matchers name it. */
    record Selector(String name, boolean hasMatchers, int start, int end) implements PromqlNode {
    }

    /** {@code x[5m]} (a range selector) or {@code (…)[1h:30s]} (a subquery); {@code brackets} is the text in []. */
    record Range(PromqlNode inner, String brackets, boolean subquery, int start, int end) implements PromqlNode {
    }

    /** {@code … offset 5m} or {@code … @ end()}. */
    record Modified(PromqlNode inner, int start, int end) implements PromqlNode {
    }

    /** A function call or an aggregation; the grouping clause is not kept. */
    record Call(String name, List<PromqlNode> args, int start, int end) implements PromqlNode {
    }

    record Paren(PromqlNode inner, int start, int end) implements PromqlNode {
    }

    record Unary(String op, PromqlNode inner, int start, int end) implements PromqlNode {
    }

    /** A binary operation, lower-cased operator ({@code >}, {@code and}, {@code *}, …); modifiers not kept. */
    record Binary(String op, PromqlNode lhs, PromqlNode rhs, int start, int end) implements PromqlNode {

        boolean comparison() {
            return COMPARISONS.contains(op);
        }

        boolean setOperation() {
            return SET_OPERATORS.contains(op);
        }
    }

    /** True when the node is made of numbers only (e.g. {@code 84 * 1024 * 1024}, {@code (14.4 * 0.01)}). */
    static boolean constant(PromqlNode node) {
        if (node instanceof Num) {
            return true;
        }
        if (node instanceof Paren p) {
            return constant(p.inner());
        }
        if (node instanceof Unary u) {
            return constant(u.inner());
        }
        return node instanceof Binary b && !b.comparison() && !b.setOperation() && constant(b.lhs())
                && constant(b.rhs());
    }
}
