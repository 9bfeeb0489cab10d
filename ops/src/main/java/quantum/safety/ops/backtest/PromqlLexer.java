package quantum.safety.ops.backtest;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a PromQL expression into tokens that keep their place in the text, so that a rewrite can replace exactly
 * the characters of one number or one selector and leave the operator's formatting alone. Label matchers
 * ({@code {…}}) and range or subquery brackets ({@code […]}) are single tokens: nothing inside them is rewritten.
 */
final class PromqlLexer {

    enum Kind { NUMBER, DURATION, STRING, IDENT, MATCHERS, BRACKETS, LPAREN, RPAREN, COMMA, OP, AT, EOF }

    record Token(Kind kind, String text, int start, int end) {
        boolean is(Kind k, String t) {
            return kind == k && text.equals(t);
        }

        boolean isWord(String word) {
            return kind == Kind.IDENT && text.equalsIgnoreCase(word);
        }
    }

    private static final List<String> OPERATORS = List.of("==", "!=", "<=", ">=", "=~", "!~", "+", "-", "*", "/",
            "%", "^", "<", ">");

    private final String text;
    private int pos;

    private PromqlLexer(String text) {
        this.text = text;
    }

    static List<Token> tokens(String expression) {
        PromqlLexer lexer = new PromqlLexer(expression);
        List<Token> tokens = new ArrayList<>();
        Token token;
        do {
            token = lexer.next();
            tokens.add(token);
        } while (token.kind() != Kind.EOF);
        return tokens;
    }

    private Token next() {
        skipSpaceAndComments();
        if (pos >= text.length()) {
            return new Token(Kind.EOF, "", pos, pos);
        }
        int start = pos;
        char c = text.charAt(pos);
        if (Character.isDigit(c) || (c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
            return number(start);
        }
        if (Character.isLetter(c) || c == '_' || c == ':') {
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
                    || text.charAt(pos) == ':')) {
                pos++;
            }
            return token(Kind.IDENT, start);
        }
        switch (c) {
            case '"', '\'', '`' -> {
                pos = stringEnd(pos);
                return token(Kind.STRING, start);
            }
            case '{' -> {
                return enclosed('}', Kind.MATCHERS, start);
            }
            case '[' -> {
                return enclosed(']', Kind.BRACKETS, start);
            }
            case '(' -> {
                pos++;
                return token(Kind.LPAREN, start);
            }
            case ')' -> {
                pos++;
                return token(Kind.RPAREN, start);
            }
            case ',' -> {
                pos++;
                return token(Kind.COMMA, start);
            }
            case '@' -> {
                pos++;
                return token(Kind.AT, start);
            }
            default -> {
                for (String op : OPERATORS) {
                    if (text.startsWith(op, pos)) {
                        pos += op.length();
                        return token(Kind.OP, start);
                    }
                }
                throw new PromqlException("unexpected character '" + c + "' at position " + (start + 1));
            }
        }
    }

    private Token number(int start) {
        if (text.startsWith("0x", pos) || text.startsWith("0X", pos)) {
            pos += 2;
            while (pos < text.length() && Character.digit(text.charAt(pos), 16) >= 0) {
                pos++;
            }
            return token(Kind.NUMBER, start);
        }
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')
                && pos + 1 < text.length() && (Character.isDigit(text.charAt(pos + 1))
                || ((text.charAt(pos + 1) == '+' || text.charAt(pos + 1) == '-') && pos + 2 < text.length()
                && Character.isDigit(text.charAt(pos + 2))))) {
            pos += 2;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            return token(Kind.NUMBER, start);
        }
        if (pos < text.length() && "smhdwy".indexOf(text.charAt(pos)) >= 0) {
            while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
                pos++;
            }
            return token(Kind.DURATION, start);
        }
        return token(Kind.NUMBER, start);
    }

    /** Everything up to the matching closing character, skipping strings (a '}' inside a regex is no end). */
    private Token enclosed(char close, Kind kind, int start) {
        pos++;
        while (pos < text.length() && text.charAt(pos) != close) {
            char c = text.charAt(pos);
            pos = (c == '"' || c == '\'' || c == '`') ? stringEnd(pos) : pos + 1;
        }
        if (pos >= text.length()) {
            throw new PromqlException("'" + text.charAt(start) + "' at position " + (start + 1) + " is never closed");
        }
        pos++;
        return token(kind, start);
    }

    private int stringEnd(int from) {
        char quote = text.charAt(from);
        int i = from + 1;
        while (i < text.length() && text.charAt(i) != quote) {
            i += (text.charAt(i) == '\\' && quote != '`') ? 2 : 1;
        }
        if (i >= text.length()) {
            throw new PromqlException("string at position " + (from + 1) + " is never closed");
        }
        return i + 1;
    }

    private void skipSpaceAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private Token token(Kind kind, int start) {
        return new Token(kind, text.substring(start, pos), start, pos);
    }
}
