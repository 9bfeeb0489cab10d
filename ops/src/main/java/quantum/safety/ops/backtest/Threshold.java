package quantum.safety.ops.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import quantum.safety.ops.backtest.PromqlNode.Binary;
import quantum.safety.ops.backtest.PromqlNode.Paren;

/**
 * The threshold of an alert: the one number its expression compares against at the top level, that is outside any
 * function or aggregation, reached only through parentheses and {@code and}/{@code or}/{@code unless}. An alert with
 * no such comparison (the Watchdog's {@code vector(1)}) or several (the burn-rate pairs) has no single threshold to
 * move, and {@link #rewrite} says so rather than guess which one was meant.
 *
 * @param comparison the comparison operator, e.g. {@code >}
 * @param text       the constant as written, e.g. {@code 84 * 1024 * 1024}
 * @param valueSide  the other operand: what is compared, e.g. {@code increase(quantum_safety_faults_total[5m])}
 */
public record Threshold(String comparison, String text, String valueSide, int start, int end) {

    /** Every top-level comparison against a constant in the expression, in text order. */
    public static List<Threshold> find(String expression) {
        List<Threshold> found = new ArrayList<>();
        collect(PromqlParser.parse(expression), expression, found);
        return found;
    }

    /** The single threshold, or empty when there are none or several. */
    public static Optional<Threshold> single(String expression) {
        List<Threshold> found = find(expression);
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /**
     * The expression with its one threshold replaced by {@code value}; an {@link IllegalArgumentException} that says
     * why when it has none or several.
     */
    public static String rewrite(String expression, String value) {
        List<Threshold> found = find(expression);
        if (found.size() != 1) {
            throw new IllegalArgumentException(found.isEmpty()
                    ? "its expression compares nothing against a number at the top level"
                    : "its expression has " + found.size() + " top-level thresholds (" + String.join(", ",
                    found.stream().map(t -> t.comparison() + " " + t.text()).toList()) + "), not one");
        }
        Threshold t = found.get(0);
        return expression.substring(0, t.start()) + value + expression.substring(t.end());
    }

    private static void collect(PromqlNode node, String text, List<Threshold> found) {
        if (node instanceof Paren paren) {
            collect(paren.inner(), text, found);
        } else if (node instanceof Binary binary && binary.setOperation()) {
            collect(binary.lhs(), text, found);
            collect(binary.rhs(), text, found);
        } else if (node instanceof Binary binary && binary.comparison()) {
            boolean rightConstant = PromqlNode.constant(binary.rhs());
            boolean leftConstant = PromqlNode.constant(binary.lhs());
            if (rightConstant != leftConstant) {
                PromqlNode constant = rightConstant ? binary.rhs() : binary.lhs();
                PromqlNode value = rightConstant ? binary.lhs() : binary.rhs();
                found.add(new Threshold(binary.op(), text.substring(constant.start(), constant.end()),
                        text.substring(value.start(), value.end()), constant.start(), constant.end()));
            }
        }
    }
}
