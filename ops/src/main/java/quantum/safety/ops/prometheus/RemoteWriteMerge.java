package quantum.safety.ops.prometheus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

import quantum.safety.ops.OpsInputException;

/**
 * The {@code remote_write} part of a merge, kept the way our scrape jobs are: our one entry is the item named
 * {@link RemoteWrite#NAME} under the marker comment install writes above it. Asked for, it is added after the
 * operator's entries (which stay as they are), left alone when identical, or replaced in place; not asked for, the
 * entry an install added is taken out, marker and all (with the {@code remote_write:} key when nothing else is under
 * it), and an entry of that name without the marker is the operator's and stays, with a note. Every change, and an
 * entry kept from an earlier install, says why ({@link RemoteWriteChoice#why()}). Text edits only.
 */
final class RemoteWriteMerge {

    /** The comment above the entry install added. */
    static final String MARKER = "# Quantum Safety remote write: added by 'quantum-safety ops install'.";

    private final YamlText yaml;
    private final String source;
    private final String nl;
    private final List<TextEdit> edits;
    private final List<String> changes;
    private final int[] order;

    RemoteWriteMerge(YamlText yaml, String source, List<TextEdit> edits, List<String> changes, int[] order) {
        this.yaml = yaml;
        this.source = source;
        this.nl = yaml.newline();
        this.edits = edits;
        this.changes = changes;
        this.order = order;
    }

    /**
     * {@code key}: the file's {@code remote_write} entry, if any; {@code endLeadIn}: what goes before a key appended at
     * the end of the text (a line break when the file does not end with one).
     */
    void merge(Optional<NodeTuple> key, RemoteWriteChoice choice, boolean force, String endLeadIn,
               List<String> notes) {
        if (choice.entry().isEmpty()) {
            key.ifPresent(k -> leaveOut(k, choice, notes));
            return;
        }
        RemoteWrite ours = choice.entry().get();
        String kept = choice.origin() == RemoteWriteChoice.Origin.KEPT ? ", " + choice.why() : "";
        String added = "add remote_write entry " + ours + kept;
        if (key.isEmpty()) {
            edits.add(new TextEdit(yaml.text().length(), 0, endLeadIn + "remote_write:" + nl + item(ours, 2, 4),
                    order[0]++));
            changes.add(added);
            return;
        }
        Node value = key.get().getValueNode();
        if (YamlText.isNull(value) || value instanceof SequenceNode seq && seq.getValue().isEmpty()) {
            int at = PrometheusConfigMerger.fillEmptyValue(yaml, key.get(), edits, order);
            edits.add(new TextEdit(at, 0, item(ours, 2, 4), order[0]++));
            changes.add(added);
            return;
        }
        SequenceNode sequence = blockList(value);
        List<MappingNode> named = named(sequence);
        if (named.size() > 1) {
            throw new OpsInputException(source + " has " + named.size() + " remote_write entries named '"
                    + RemoteWrite.NAME + "' (Prometheus refuses duplicates); delete all but one, then run install again");
        }
        if (named.isEmpty()) {
            Node first = sequence.getValue().get(0);
            int at = yaml.endOfLine(yaml.contentEnd(sequence));
            String lead = at == yaml.text().length() && !yaml.text().endsWith("\n") ? nl : "";
            edits.add(new TextEdit(at, 0, lead + item(ours, yaml.column(yaml.dashBefore(first)),
                    yaml.column(yaml.offset(first.getStartMark()))), order[0]++));
            changes.add(added);
            return;
        }
        replace(named.get(0), ours, force, kept, notes);
    }

    private void replace(MappingNode existing, RemoteWrite ours, boolean force, String kept, List<String> notes) {
        Map<?, ?> loaded = load(existing);
        if (loaded.equals(ours.body())) {
            if (!kept.isEmpty()) {
                notes.add("keep remote_write entry " + ours + kept);
            }
            return;
        }
        boolean marked = hasMarker(existing);
        if (!marked && !force) {
            throw new OpsInputException(source + " already has a remote_write entry named '" + RemoteWrite.NAME
                    + "' sending to " + loaded.get("url") + " that no install added; rename it, or re-run with --force to "
                    + "replace it (in place, never duplicated)");
        }
        int dash = yaml.dashBefore(existing);
        int start = yaml.lineStartOf(dash);
        int end = yaml.endOfLine(yaml.contentEnd(existing));
        String lead = end == yaml.text().length() && !yaml.text().endsWith("\n") ? nl : "";
        String text = item(ours, yaml.column(dash), yaml.column(yaml.offset(existing.getStartMark())));
        if (marked) {
            // The marker stays where it is, above the item.
            text = text.substring(text.indexOf(nl) + nl.length());
        }
        edits.add(new TextEdit(start, end - start, lead + text, order[0]++));
        changes.add((marked ? "update" : "replace") + " remote_write entry " + RemoteWrite.NAME + " -> "
                + loaded.get("url") + " with " + ours + kept);
    }

    private void leaveOut(NodeTuple key, RemoteWriteChoice choice, List<String> notes) {
        if (!(key.getValueNode() instanceof SequenceNode sequence) || YamlText.isFlow(sequence)) {
            return;
        }
        for (MappingNode entry : named(sequence)) {
            String url = String.valueOf(load(entry).get("url"));
            if (!hasMarker(entry)) {
                notes.add("keep remote_write entry " + RemoteWrite.NAME + " -> " + url + ", which this install leaves "
                        + "out: no install added it (no '" + MARKER + "' above it), so it is yours; delete it by hand "
                        + "if it should go");
                continue;
            }
            int itemStart = yaml.lineStartOf(yaml.dashBefore(entry));
            int start = sequence.getValue().size() == 1
                    ? yaml.lineStartOf(yaml.offset(key.getKeyNode().getStartMark())) : yaml.previousLineStart(itemStart);
            int end = yaml.endOfLine(yaml.contentEnd(entry));
            edits.add(new TextEdit(start, end - start, "", order[0]++));
            changes.add("remove remote_write entry " + RemoteWrite.NAME + " -> " + url + ": an earlier install added "
                    + "it, and " + choice.why());
        }
    }

    private SequenceNode blockList(Node value) {
        if (!(value instanceof SequenceNode sequence) || YamlText.isFlow(sequence)) {
            throw new OpsInputException(source + ": remote_write at line " + (value.getStartMark().getLine() + 1)
                    + " is not a block list; rewrite it as '- url: ...' items and run install again");
        }
        return sequence;
    }

    private List<MappingNode> named(SequenceNode sequence) {
        List<MappingNode> found = new ArrayList<>();
        for (Node node : sequence.getValue()) {
            if (node instanceof MappingNode entry
                    && YamlText.scalar(entry, "name").filter(RemoteWrite.NAME::equals).isPresent()) {
                found.add(entry);
            }
        }
        return found;
    }

    private boolean hasMarker(MappingNode entry) {
        int itemStart = yaml.lineStartOf(yaml.dashBefore(entry));
        return yaml.text().substring(yaml.previousLineStart(itemStart), itemStart).strip().equals(MARKER);
    }

    private Map<?, ?> load(MappingNode node) {
        int start = yaml.offset(node.getStartMark());
        int end = yaml.endOfLine(yaml.contentEnd(node));
        // Re-indented to the item's column so that it loads on its own.
        Object loaded = new Yaml(new LoaderOptions()).load(" ".repeat(yaml.column(start)) + yaml.text().substring(start, end));
        return loaded instanceof Map<?, ?> map ? map : Map.of();
    }

    /** The entry under its marker comment, as a list item at {@code dashCol}. */
    private String item(RemoteWrite ours, int dashCol, int contentCol) {
        List<String> lines = ScrapeConfigsMerge.render(ours.body());
        int gap = Math.max(1, contentCol - dashCol - 1);
        StringBuilder out = new StringBuilder(" ".repeat(dashCol)).append(MARKER).append(nl);
        for (int i = 0; i < lines.size(); i++) {
            if (i == 0) {
                out.append(" ".repeat(dashCol)).append('-').append(" ".repeat(gap)).append(lines.get(i)).append(nl);
            } else if (!lines.get(i).isEmpty()) {
                out.append(" ".repeat(dashCol + 1 + gap)).append(lines.get(i)).append(nl);
            }
        }
        return out.toString();
    }
}
