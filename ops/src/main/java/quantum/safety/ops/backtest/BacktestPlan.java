package quantum.safety.ops.backtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import quantum.safety.ops.OpsInputException;

/**
 * The alerts a backtest replays and the candidate expressions it compares them with, checked before any query: a
 * range that ends before it starts, an unknown alert name, an expression that does not parse, or a candidate for an
 * alert without exactly one threshold is bad input that names itself.
 */
public final class BacktestPlan {

    /** One alert to replay; {@code candidate} is its expression with the candidate threshold, or null. */
    public record Planned(AlertRule rule, String candidate, String candidateValue) {
    }

    private BacktestPlan() {
    }

    public static List<Planned> of(BacktestRequest request) {
        if (!request.from().isBefore(request.to())) {
            throw new OpsInputException("--from " + request.from() + " is not before --to " + request.to()
                    + "; give a range that ends after it starts, e.g. --from=7d --to=now");
        }
        BacktestRules rules = request.rules();
        Map<String, AlertRule> byName = new LinkedHashMap<>();
        rules.alerts().forEach(a -> byName.putIfAbsent(a.name(), a));
        for (String name : request.alerts()) {
            known(byName, name, "--alert");
        }
        for (String name : request.candidates().keySet()) {
            known(byName, name, "--set");
        }
        List<Planned> planned = new ArrayList<>();
        for (AlertRule rule : rules.alerts()) {
            if (!request.alerts().isEmpty() && !request.alerts().contains(rule.name())
                    && !request.candidates().containsKey(rule.name())) {
                continue;
            }
            parses(rule);
            String value = request.candidates().get(rule.name());
            planned.add(new Planned(rule, value == null ? null : candidate(rule, value), value));
        }
        return planned;
    }

    /** The alert's expression with {@code value} in place of its one threshold, or bad input saying why not. */
    static String candidate(AlertRule rule, String value) {
        try {
            if (!PromqlNode.constant(PromqlParser.parse(value))) {
                throw new PromqlException("not a number");
            }
        } catch (PromqlException e) {
            throw new OpsInputException("--set " + rule.name() + "=" + value + ": '" + value
                    + "' is not a number; give one, e.g. --set " + rule.name() + "=3 (arithmetic like 80*1024*1024 "
                    + "works too)");
        }
        try {
            return Threshold.rewrite(rule.expression(), value.strip());
        } catch (IllegalArgumentException e) {
            throw new OpsInputException("--set " + rule.name() + ": " + e.getMessage()
                    + "; edit a copy of the rule file and backtest it with --rules FILE instead");
        }
    }

    private static void parses(AlertRule rule) {
        try {
            PromqlParser.parse(rule.expression());
        } catch (PromqlException e) {
            throw new OpsInputException("alert " + rule.name() + " in " + rule.source()
                    + ": its expression does not parse (" + e.getMessage() + "); check it with 'promtool check rules'");
        }
    }

    private static void known(Map<String, AlertRule> byName, String name, String flag) {
        if (!byName.containsKey(name)) {
            throw new UnknownAlertException(flag, name, List.copyOf(byName.keySet()));
        }
    }
}
