package quantum.safety.ops.prometheus;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import quantum.safety.ops.OpsInputException;

/**
 * A YAML document as text plus SnakeYAML's node tree with positions, so an edit can touch only the bytes it means
 * to: SnakeYAML would drop every comment if we dumped the whole document.
 *
 * <p>SnakeYAML marks count code points per line; {@link #offset(Mark)} turns them into string offsets, so a comment
 * with an emoji before the insertion point does not shift it.
 */
final class YamlText {

    private final String text;
    private final String source;
    private final int[] lineStarts;
    private final Node root;

    YamlText(String text, String source) {
        this.text = text;
        this.source = source;
        this.lineStarts = lineStarts(text);
        try {
            this.root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (YAMLException e) {
            throw new OpsInputException(source + " is not valid YAML (" + oneLine(e.getMessage())
                    + "); fix it (promtool check config " + source + ") before installing");
        }
    }

    String text() {
        return text;
    }

    /** The root mapping, or empty for an empty document. */
    Optional<MappingNode> rootMapping() {
        if (root == null) {
            return Optional.empty();
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new OpsInputException(source + " does not hold a YAML mapping at the top; it is not a Prometheus config");
        }
        return Optional.of(mapping);
    }

    static Optional<NodeTuple> entry(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode scalar && key.equals(scalar.getValue())) {
                return Optional.of(tuple);
            }
        }
        return Optional.empty();
    }

    static Optional<String> scalar(MappingNode mapping, String key) {
        return entry(mapping, key).map(NodeTuple::getValueNode)
                .filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).getValue());
    }

    /** The line break the file uses, so inserted lines match it. */
    String newline() {
        int lf = text.indexOf('\n');
        return lf > 0 && text.charAt(lf - 1) == '\r' ? "\r\n" : "\n";
    }

    int offset(Mark mark) {
        int line = Math.min(mark.getLine(), lineStarts.length - 1);
        int start = lineStarts[line];
        try {
            return text.offsetByCodePoints(start, mark.getColumn());
        } catch (IndexOutOfBoundsException e) {
            return text.length();
        }
    }

    /** Column (in chars, indentation is ASCII) of an offset. */
    int column(int offset) {
        return offset - lineStartOf(offset);
    }

    int lineStartOf(int offset) {
        int i = offset;
        while (i > 0 && text.charAt(i - 1) != '\n' && text.charAt(i - 1) != '\r') {
            i--;
        }
        return i;
    }

    /** The start of the line before the one starting at {@code lineStart} (a CRLF break counts once); 0 for the first. */
    int previousLineStart(int lineStart) {
        if (lineStart == 0) {
            return 0;
        }
        int lastOfPrevious = lineStart - 1;
        if (lastOfPrevious > 0 && text.charAt(lastOfPrevious) == '\n' && text.charAt(lastOfPrevious - 1) == '\r') {
            lastOfPrevious--;
        }
        return lineStartOf(lastOfPrevious);
    }

    /** The offset just past the line break that ends the line holding {@code offset - 1}, or the text length. */
    int endOfLine(int offset) {
        if (offset > 0 && offset <= text.length() && isBreak(text.charAt(offset - 1))) {
            return offset;
        }
        int i = offset;
        while (i < text.length() && !isBreak(text.charAt(i))) {
            i++;
        }
        if (i < text.length() && text.charAt(i) == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
            return i + 2;
        }
        return i < text.length() ? i + 1 : i;
    }

    /**
     * Where the text of a node really ends. A block collection's end mark sits at the next token (after trailing
     * comments and blank lines), so we descend to its last scalar or flow collection instead.
     */
    int contentEnd(Node node) {
        if (node instanceof MappingNode mapping && !mapping.getValue().isEmpty() && !isFlow(mapping)) {
            return contentEnd(mapping.getValue().get(mapping.getValue().size() - 1).getValueNode());
        }
        if (node instanceof SequenceNode sequence && !sequence.getValue().isEmpty() && !isFlow(sequence)) {
            return contentEnd(sequence.getValue().get(sequence.getValue().size() - 1));
        }
        return offset(node.getEndMark());
    }

    /** The offset of the {@code -} indicator that introduces a block sequence item. */
    int dashBefore(Node item) {
        int i = offset(item.getStartMark()) - 1;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        if (i < 0 || text.charAt(i) != '-') {
            throw new OpsInputException(source + ": cannot find the '-' of the list item at line "
                    + (item.getStartMark().getLine() + 1) + "; rewrite that list in block style");
        }
        return i;
    }

    /**
     * Where a new top-level key may go just before {@code key}: above the comment lines that directly precede it,
     * since those comments describe that key.
     */
    int beforeKeyWithComments(NodeTuple key) {
        int start = lineStartOf(offset(key.getKeyNode().getStartMark()));
        while (start > 0) {
            int previous = lineStartOf(start - 1);
            String line = text.substring(previous, start).strip();
            if (!line.startsWith("#")) {
                break;
            }
            start = previous;
        }
        return start;
    }

    static boolean isFlow(Node node) {
        if (node instanceof MappingNode mapping) {
            return mapping.getFlowStyle() == org.yaml.snakeyaml.DumperOptions.FlowStyle.FLOW;
        }
        if (node instanceof SequenceNode sequence) {
            return sequence.getFlowStyle() == org.yaml.snakeyaml.DumperOptions.FlowStyle.FLOW;
        }
        return false;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.getTag().equals(org.yaml.snakeyaml.nodes.Tag.NULL);
    }

    private static boolean isBreak(char c) {
        return c == '\n' || c == '\r';
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                continue;
            }
            if (isBreak(c)) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s+", " ").trim();
    }
}
