package quantum.safety.ops.backtest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import quantum.safety.ops.backtest.PromqlNode.Binary;
import quantum.safety.ops.backtest.PromqlNode.Call;
import quantum.safety.ops.backtest.PromqlNode.Modified;
import quantum.safety.ops.backtest.PromqlNode.Paren;
import quantum.safety.ops.backtest.PromqlNode.Range;
import quantum.safety.ops.backtest.PromqlNode.Selector;
import quantum.safety.ops.backtest.PromqlNode.Unary;

/**
 * Replaces recorded series that the history does not hold by the recording rule's own expression: the Prometheus
 * being asked may not have had the rules loaded over the range, while the raw series they read are there. A plain
 * use becomes {@code (expr)}; a range {@code name[5m]} becomes the subquery {@code (expr)[5m:30s]} at the recording
 * group's interval, which is how often the recorded series would have had a sample. Recording rules that read other
 * recording rules are inlined in turn, when those have no data either.
 */
public final class RecordingInliner {

    /** Recording rules chained deeper than this are a loop. */
    private static final int MAX_DEPTH = 10;

    /**
     * @param expression what is left to query
     * @param inlined    the recorded series replaced by their rule's expression
     * @param kept       recorded series that have no data but could not be inlined, each with why
     */
    public record Result(String expression, List<String> inlined, List<String> kept) {
    }

    private RecordingInliner() {
    }

    /**
     * @param hasData whether a selector (its text, e.g. {@code job:x:rate5m}) has any data over the range
     */
    public static Result inline(String expression, Map<String, RecordingRule> rules, Predicate<String> hasData) {
        Set<String> inlined = new LinkedHashSet<>();
        Set<String> kept = new LinkedHashSet<>();
        String current = expression;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            List<Use> uses = new ArrayList<>();
            uses(PromqlParser.parse(current), null, uses);
            List<Use> replace = new ArrayList<>();
            for (Use use : uses) {
                RecordingRule rule = rules.get(use.selector().name());
                String selectorText = current.substring(use.selector().start(), use.selector().end());
                if (rule == null || hasData.test(selectorText)) {
                    continue;
                }
                if (use.selector().hasMatchers()) {
                    kept.add(selectorText + " (label matchers on a recorded series cannot be applied to its rule)");
                } else {
                    replace.add(use);
                    inlined.add(rule.name());
                }
            }
            if (replace.isEmpty()) {
                return new Result(current, List.copyOf(inlined), List.copyOf(kept));
            }
            replace.sort(Comparator.comparingInt((Use u) -> u.start()).reversed());
            StringBuilder text = new StringBuilder(current);
            for (Use use : replace) {
                text.replace(use.start(), use.end(), use.replacement(rules.get(use.selector().name())));
            }
            current = text.toString();
        }
        throw new IllegalArgumentException("recording rules nest deeper than " + MAX_DEPTH + " levels (a loop?): "
                + inlined);
    }

    /** One use of a selector, with the range selector around it if it has one. */
    private record Use(Selector selector, Range range) {
        int start() {
            return range == null ? selector.start() : range.start();
        }

        int end() {
            return range == null ? selector.end() : range.end();
        }

        String replacement(RecordingRule rule) {
            String inner = "(" + rule.expression().strip() + ")";
            return range == null ? inner
                    : inner + "[" + range.brackets().strip() + ":" + PromDuration.format(rule.interval()) + "]";
        }
    }

    private static void uses(PromqlNode node, Range around, List<Use> out) {
        if (node instanceof Selector selector) {
            if (selector.name() != null) {
                out.add(new Use(selector, around));
            }
        } else if (node instanceof Range range) {
            uses(range.inner(), range.subquery() ? null : range, out);
        } else if (node instanceof Modified modified) {
            uses(modified.inner(), null, out);
        } else if (node instanceof Call call) {
            call.args().forEach(arg -> uses(arg, null, out));
        } else if (node instanceof Paren paren) {
            uses(paren.inner(), null, out);
        } else if (node instanceof Unary unary) {
            uses(unary.inner(), null, out);
        } else if (node instanceof Binary binary) {
            uses(binary.lhs(), null, out);
            uses(binary.rhs(), null, out);
        }
    }

    /** Every named selector in the expression, as written without its range (e.g. {@code up{job="x"}}). */
    public static List<String> selectors(String expression) {
        List<Use> uses = new ArrayList<>();
        uses(PromqlParser.parse(expression), null, uses);
        Set<String> texts = new LinkedHashSet<>();
        uses.forEach(u -> texts.add(expression.substring(u.selector().start(), u.selector().end())));
        return List.copyOf(texts);
    }
}
