package quantum.safety.ops.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import quantum.safety.ops.backtest.PromqlLexer.Kind;
import quantum.safety.ops.backtest.PromqlLexer.Token;
import quantum.safety.ops.backtest.PromqlNode.Binary;
import quantum.safety.ops.backtest.PromqlNode.Call;
import quantum.safety.ops.backtest.PromqlNode.Modified;
import quantum.safety.ops.backtest.PromqlNode.Num;
import quantum.safety.ops.backtest.PromqlNode.Paren;
import quantum.safety.ops.backtest.PromqlNode.Range;
import quantum.safety.ops.backtest.PromqlNode.Selector;
import quantum.safety.ops.backtest.PromqlNode.Str;
import quantum.safety.ops.backtest.PromqlNode.Unary;

/**
 * A precedence-climbing parser for PromQL, as far as the backtest needs it: operators with their precedence and
 * modifiers, function calls, aggregations with their grouping, selectors, ranges, subqueries, offset and @. It keeps
 * every node's place in the text; Prometheus stays the judge of what an expression means.
 */
final class PromqlParser {

    /** Binary operators and their precedence, lowest first (the PromQL documentation's table). */
    private static final Map<String, Integer> PRECEDENCE = Map.ofEntries(Map.entry("or", 1), Map.entry("and", 2),
            Map.entry("unless", 2), Map.entry("==", 3), Map.entry("!=", 3), Map.entry("<", 3), Map.entry(">", 3),
            Map.entry("<=", 3), Map.entry(">=", 3), Map.entry("+", 4), Map.entry("-", 4), Map.entry("*", 5),
            Map.entry("/", 5), Map.entry("%", 5), Map.entry("atan2", 5), Map.entry("^", 7));
    /** Unary minus binds tighter than * but looser than ^: {@code -2 ^ 2} is -4. */
    private static final int UNARY = 6;
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");

    private final String text;
    private final List<Token> tokens;
    private int at;

    private PromqlParser(String text) {
        this.text = text;
        this.tokens = PromqlLexer.tokens(text);
    }

    /** The expression's tree, or a {@link PromqlException} saying where it stops making sense. */
    static PromqlNode parse(String expression) {
        PromqlParser parser = new PromqlParser(expression);
        PromqlNode node = parser.expression(0);
        if (parser.peek().kind() != Kind.EOF) {
            throw parser.unexpected();
        }
        return node;
    }

    private PromqlNode expression(int minPrecedence) {
        PromqlNode lhs = unary();
        while (true) {
            String op = binaryOperator(peek());
            if (op == null || PRECEDENCE.get(op) < minPrecedence) {
                return lhs;
            }
            at++;
            binaryModifiers();
            int precedence = PRECEDENCE.get(op);
            PromqlNode rhs = expression(op.equals("^") ? precedence : precedence + 1);
            lhs = new Binary(op, lhs, rhs, lhs.start(), rhs.end());
        }
    }

    private static String binaryOperator(Token token) {
        if (token.kind() == Kind.OP && PRECEDENCE.containsKey(token.text())) {
            return token.text();
        }
        String word = token.text().toLowerCase(Locale.ROOT);
        return token.kind() == Kind.IDENT && Set.of("and", "or", "unless", "atan2").contains(word) ? word : null;
    }

    /** {@code bool}, {@code on(…)}/{@code ignoring(…)}, {@code group_left(…)}/{@code group_right(…)}: skipped. */
    private void binaryModifiers() {
        if (peek().isWord("bool")) {
            at++;
        }
        if (peek().isWord("on") || peek().isWord("ignoring")) {
            at++;
            labelList(true);
        }
        if (peek().isWord("group_left") || peek().isWord("group_right")) {
            at++;
            labelList(false);
        }
    }

    private PromqlNode unary() {
        Token token = peek();
        if (token.kind() == Kind.OP && (token.text().equals("-") || token.text().equals("+"))) {
            at++;
            PromqlNode inner = expression(UNARY + 1);
            return new Unary(token.text(), inner, token.start(), inner.end());
        }
        return postfix(primary());
    }

    private PromqlNode postfix(PromqlNode node) {
        while (true) {
            Token token = peek();
            if (token.kind() == Kind.BRACKETS) {
                at++;
                String inside = token.text().substring(1, token.text().length() - 1);
                boolean subquery = inside.contains(":");
                if (!subquery && !(node instanceof Selector)) {
                    throw new PromqlException("a range [" + inside + "] at position " + (token.start() + 1)
                            + " needs a selector before it (or a subquery [range:step])");
                }
                node = new Range(node, inside, subquery, node.start(), token.end());
            } else if (token.isWord("offset")) {
                at++;
                if (peek().kind() == Kind.OP && peek().text().equals("-")) {
                    at++;
                }
                Token duration = expect(Kind.DURATION, "a duration after offset");
                node = new Modified(node, node.start(), duration.end());
            } else if (token.kind() == Kind.AT) {
                at++;
                Token when = next();
                int end = when.end();
                if (when.kind() == Kind.IDENT) {
                    expect(Kind.LPAREN, "( after " + when.text());
                    end = expect(Kind.RPAREN, ")").end();
                } else if (when.kind() != Kind.NUMBER) {
                    throw unexpectedAt(when);
                }
                node = new Modified(node, node.start(), end);
            } else {
                return node;
            }
        }
    }

    private PromqlNode primary() {
        Token token = next();
        switch (token.kind()) {
            case NUMBER:
                return new Num(token.start(), token.end());
            case STRING:
                return new Str(token.start(), token.end());
            case LPAREN: {
                PromqlNode inner = expression(0);
                return new Paren(inner, token.start(), expect(Kind.RPAREN, ")").end());
            }
            case MATCHERS:
                return new Selector(null, true, token.start(), token.end());
            case IDENT:
                return named(token);
            default:
                throw unexpectedAt(token);
        }
    }

    private PromqlNode named(Token name) {
        String lower = name.text().toLowerCase(Locale.ROOT);
        boolean grouped = peek().isWord("by") || peek().isWord("without");
        if (AGGREGATIONS.contains(lower) && (grouped || peek().kind() == Kind.LPAREN)) {
            if (grouped) {
                at++;
                labelList(true);
            }
            Call call = call(name);
            if (!grouped && (peek().isWord("by") || peek().isWord("without"))) {
                at++;
                int end = labelList(true);
                return new Call(call.name(), call.args(), call.start(), end);
            }
            return call;
        }
        if (peek().kind() == Kind.LPAREN) {
            return call(name);
        }
        if ((lower.equals("inf") || lower.equals("nan")) && peek().kind() != Kind.MATCHERS) {
            return new Num(name.start(), name.end());
        }
        if (peek().kind() == Kind.MATCHERS) {
            return new Selector(name.text(), true, name.start(), next().end());
        }
        return new Selector(name.text(), false, name.start(), name.end());
    }

    private Call call(Token name) {
        expect(Kind.LPAREN, "( after " + name.text());
        List<PromqlNode> args = new ArrayList<>();
        if (peek().kind() != Kind.RPAREN) {
            args.add(expression(0));
            while (peek().kind() == Kind.COMMA) {
                at++;
                args.add(expression(0));
            }
        }
        return new Call(name.text(), List.copyOf(args), name.start(), expect(Kind.RPAREN, ")").end());
    }

    /** {@code (a, b)} after by/without/on/ignoring/group_*; optional there only for group_left/right. */
    private int labelList(boolean required) {
        if (peek().kind() != Kind.LPAREN) {
            if (required) {
                throw unexpected();
            }
            return tokens.get(at - 1).end();
        }
        at++;
        while (peek().kind() == Kind.IDENT || peek().kind() == Kind.COMMA) {
            at++;
        }
        return expect(Kind.RPAREN, ")").end();
    }

    private Token expect(Kind kind, String what) {
        Token token = next();
        if (token.kind() != kind) {
            throw new PromqlException("expected " + what + " at position " + (token.start() + 1) + ", found "
                    + describe(token));
        }
        return token;
    }

    private Token peek() {
        return tokens.get(at);
    }

    private Token next() {
        Token token = tokens.get(at);
        if (token.kind() != Kind.EOF) {
            at++;
        }
        return token;
    }

    private PromqlException unexpected() {
        return unexpectedAt(peek());
    }

    private PromqlException unexpectedAt(Token token) {
        return new PromqlException("unexpected " + describe(token) + " at position " + (token.start() + 1)
                + " of '" + text.strip() + "'");
    }

    private static String describe(Token token) {
        return token.kind() == Kind.EOF ? "end of expression" : "'" + token.text() + "'";
    }
}
