package quantum.safety.ops.prometheus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

import quantum.safety.ops.OpsInputException;
import quantum.safety.ops.bundle.BundlePaths;
import quantum.safety.ops.prometheus.PrometheusConfigMerger.JobConflictException;

/**
 * The {@code scrape_configs} part of a merge: each of our jobs added after the operator's (all together, in the
 * bundle's order), left alone when identical, or updated in place. A job of ours scraping another target is refused
 * unless forced. A job the operator chose to leave out is taken out, marker comment and all, only where an install
 * added it: the marker comment right above it says so. Text edits only, as {@link PrometheusConfigMerger} does for the
 * rest of the file.
 */
final class ScrapeConfigsMerge {

    private final YamlText yaml;
    private final String source;
    private final String nl;
    private final List<TextEdit> edits;
    private final List<String> changes;
    private final int[] order;

    ScrapeConfigsMerge(YamlText yaml, String source, List<TextEdit> edits, List<String> changes, int[] order) {
        this.yaml = yaml;
        this.source = source;
        this.nl = yaml.newline();
        this.edits = edits;
        this.changes = changes;
        this.order = order;
    }

    /** The comment above a job install added, naming what it scrapes. */
    static String marker(String jobName) {
        String what = switch (jobName) {
            case BundlePaths.JOB_NAME -> "exporter";
            case BundlePaths.SERVICE_JOB_NAME -> "decision service";
            case BundlePaths.ARCHIVE_JOB_NAME -> "audit archive";
            default -> "job " + jobName;
        };
        return "# Quantum Safety " + what + ": added by 'quantum-safety ops install'.";
    }

    /** A new {@code scrape_configs:} key holding our jobs, inserted at {@code at}. */
    void addKey(int at, String leadIn, List<ScrapeJob> jobs) {
        edits.add(new TextEdit(at, 0, leadIn + "scrape_configs:" + nl + items(jobs, 2, 4), order[0]++));
        jobs.forEach(j -> changes.add("add scrape job " + withLabels(j)));
    }

    void merge(NodeTuple scrapeConfigs, List<ScrapeJob> jobs, boolean force) {
        Node value = scrapeConfigs.getValueNode();
        if (YamlText.isNull(value) || value instanceof SequenceNode seq && seq.getValue().isEmpty()) {
            int at = PrometheusConfigMerger.fillEmptyValue(yaml, scrapeConfigs, edits, order);
            edits.add(new TextEdit(at, 0, items(jobs, 2, 4), order[0]++));
            jobs.forEach(j -> changes.add("add scrape job " + withLabels(j)));
            return;
        }
        if (!(value instanceof SequenceNode sequence) || YamlText.isFlow(sequence)) {
            throw new OpsInputException(source + ": scrape_configs at line " + (value.getStartMark().getLine() + 1)
                    + " is not a block list; rewrite it as '- job_name: ...' items and run install again");
        }
        List<ScrapeJob> missing = new ArrayList<>();
        for (ScrapeJob wanted : jobs) {
            List<MappingNode> ours = named(sequence, wanted.name());
            if (ours.size() > 1) {
                throw new OpsInputException(source + " has " + ours.size() + " jobs named '" + wanted.name()
                        + "' (Prometheus refuses duplicates); delete all but one by hand, then run install again");
            }
            if (ours.isEmpty()) {
                missing.add(wanted);
            } else {
                replace(ours.get(0), wanted, force);
            }
        }
        if (!missing.isEmpty()) {
            Node first = sequence.getValue().get(0);
            int dashCol = yaml.column(yaml.dashBefore(first));
            int contentCol = yaml.column(yaml.offset(first.getStartMark()));
            int at = yaml.endOfLine(yaml.contentEnd(sequence));
            String lead = at == yaml.text().length() && !yaml.text().endsWith("\n") ? nl : "";
            edits.add(new TextEdit(at, 0, lead + items(missing, dashCol, contentCol), order[0]++));
            missing.forEach(j -> changes.add("add scrape job " + withLabels(j)));
        }
    }

    /**
     * Takes out each job named in {@code names} that an install added, with its marker comment; a job of that name
     * without the marker is the operator's and stays, with a note saying so. Run after {@link #merge}, which has
     * refused a {@code scrape_configs} that is not a block list.
     */
    void leaveOut(NodeTuple scrapeConfigs, List<String> names, List<String> notes) {
        if (!(scrapeConfigs.getValueNode() instanceof SequenceNode sequence)) {
            return;
        }
        for (String name : names) {
            for (MappingNode job : named(sequence, name)) {
                ScrapeJob existing = ScrapeJob.of(load(job));
                int itemStart = yaml.lineStartOf(yaml.dashBefore(job));
                int markerStart = yaml.previousLineStart(itemStart);
                if (!yaml.text().substring(markerStart, itemStart).strip().equals(marker(name))) {
                    notes.add("keep scrape job " + existing + ", which this install leaves out: no install added it (no '"
                            + marker(name) + "' above it), so it is yours; delete it by hand if it should go");
                    continue;
                }
                int end = yaml.endOfLine(yaml.contentEnd(job));
                edits.add(new TextEdit(markerStart, end - markerStart, "", order[0]++));
                changes.add("remove scrape job " + existing + ": an earlier install added it, this one leaves it out");
            }
        }
    }

    private List<MappingNode> named(SequenceNode sequence, String name) {
        List<MappingNode> found = new ArrayList<>();
        for (Node node : sequence.getValue()) {
            if (node instanceof MappingNode job && YamlText.scalar(job, "job_name").filter(name::equals).isPresent()) {
                found.add(job);
            }
        }
        return found;
    }

    private void replace(MappingNode existingNode, ScrapeJob wanted, boolean force) {
        ScrapeJob existing = ScrapeJob.of(load(existingNode));
        if (existing.sameAs(wanted)) {
            return;
        }
        boolean sameTargets = existing.targets().equals(wanted.targets());
        if (!sameTargets && !force) {
            throw new JobConflictException(source + " already has a job '" + wanted.name() + "' scraping "
                    + existing.targets() + ", not " + wanted.targets() + "; re-run with --force to replace it "
                    + "(replaced in place, never duplicated), or pass --exporter.address to keep that target");
        }
        int itemDash = yaml.dashBefore(existingNode);
        int start = yaml.lineStartOf(itemDash);
        int end = yaml.endOfLine(yaml.contentEnd(existingNode));
        String lead = end == yaml.text().length() && !yaml.text().endsWith("\n") ? nl : "";
        int itemDashCol = yaml.column(itemDash);
        int itemContentCol = yaml.column(yaml.offset(existingNode.getStartMark()));
        edits.add(new TextEdit(start, end - start, lead + item(render(wanted.body()), itemDashCol, itemContentCol),
                order[0]++));
        changes.add((sameTargets ? "update scrape job " : "replace scrape job ") + existing + " with " + wanted
                + (existing.labels().equals(wanted.labels()) ? ""
                : " (labels " + existing.labels() + " -> " + wanted.labels() + ")"));
    }

    private Map<?, ?> load(MappingNode node) {
        int start = yaml.offset(node.getStartMark());
        int end = yaml.endOfLine(yaml.contentEnd(node));
        // Re-indent the item's text to column 0 so it loads on its own.
        int column = yaml.column(start);
        StringBuilder text = new StringBuilder(" ".repeat(column));
        text.append(yaml.text(), start, end);
        Object loaded = new Yaml(new LoaderOptions()).load(text.toString());
        return loaded instanceof Map<?, ?> map ? map : Map.of();
    }

    /** Each job under its marker comment, as list items at {@code dashCol}. */
    private String items(List<ScrapeJob> jobs, int dashCol, int contentCol) {
        StringBuilder out = new StringBuilder();
        for (ScrapeJob job : jobs) {
            out.append(" ".repeat(dashCol)).append(marker(job.name())).append(nl)
                    .append(item(render(job.body()), dashCol, contentCol));
        }
        return out.toString();
    }

    /** A job as block YAML lines, Prometheus-docs style (list items indented under their key). */
    static List<String> render(Map<String, Object> job) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(1000);
        String dumped = new Yaml(options).dump(job);
        return List.of(dumped.split("\n"));
    }

    private String item(List<String> lines, int dashCol, int contentCol) {
        int gap = Math.max(1, contentCol - dashCol - 1);
        int indent = dashCol + 1 + gap;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0) {
                out.append(" ".repeat(dashCol)).append('-').append(" ".repeat(gap)).append(line);
            } else if (!line.isEmpty()) {
                out.append(" ".repeat(indent)).append(line);
            }
            out.append(nl);
        }
        return out.toString();
    }

    /** The job, its targets and, when it has any, its labels: what an operator checks in the plan. */
    private static String withLabels(ScrapeJob job) {
        return job + (job.labels().isEmpty() ? "" : " labels " + job.labels());
    }
}
