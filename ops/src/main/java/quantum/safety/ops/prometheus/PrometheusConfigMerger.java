package quantum.safety.ops.prometheus;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import quantum.safety.ops.OpsInputException;

/**
 * Puts our scrape job, our rule files and (optionally) an Alertmanager into an operator's prometheus.yml, touching
 * nothing else: SnakeYAML parses the file to find where things are and decide, then minimal text edits insert or
 * replace our blocks, so every other byte (comments, order, quoting, blank lines) stays as it was.
 *
 * <p>Idempotent: a config that already has an identical job and covers our rule files comes back unchanged.
 * A job with our name but another target is refused unless {@code force}; then it is replaced in place, never
 * duplicated.
 */
public final class PrometheusConfigMerger {

    static final String MARKER = "# Quantum Safety exporter: added by 'quantum-safety ops install'.";

    /**
     * What to merge: an immutable snapshot built with {@link #builder()}.
     *
     * @param ruleFiles           absolute paths
     * @param configDir           resolves relative rule_files entries
     * @param alertmanagerAddress host:port for a new alerting section; empty: none is added
     * @param force               replace a job of our name that scrapes another target
     */
    public record Request(ScrapeJob job, List<Path> ruleFiles, Path configDir, Optional<String> alertmanagerAddress,
                          boolean force) {

        /** Rejects a request without the job to merge or the folder its rule files are relative to. */
        public Request {
            if (job == null) {
                throw new IllegalArgumentException("scrape job is missing; set PrometheusConfigMerger.Request.builder().job(job)");
            }
            if (configDir == null) {
                throw new IllegalArgumentException("config dir is missing; set PrometheusConfigMerger.Request.builder().configDir(dir)");
            }
            ruleFiles = List.copyOf(ruleFiles);
        }

        public static Builder builder() {
            return new Builder();
        }

        /** Defaults: no rule files, no Alertmanager, no force. */
        public static final class Builder {
            private ScrapeJob job;
            private List<Path> ruleFiles = List.of();
            private Path configDir;
            private String alertmanagerAddress;
            private boolean force;

            private Builder() {
            }

            public Builder job(ScrapeJob v) { job = v; return this; }
            public Builder ruleFiles(List<Path> v) { ruleFiles = v; return this; }
            public Builder configDir(Path v) { configDir = v; return this; }
            public Builder alertmanagerAddress(String v) { alertmanagerAddress = v; return this; }
            public Builder force(boolean v) { force = v; return this; }

            /** Builds the request; throws {@link IllegalArgumentException} naming what is missing. */
            public Request build() {
                return new Request(job, ruleFiles, configDir, Optional.ofNullable(alertmanagerAddress), force);
            }
        }
    }

    private final String source;

    /** {@code source} names the file in messages, e.g. its path. */
    public PrometheusConfigMerger(String source) {
        this.source = source;
    }

    public MergeResult merge(String original, Request request) {
        YamlText yaml = new YamlText(original, source);
        Optional<MappingNode> root = yaml.rootMapping();
        String nl = yaml.newline();
        List<TextEdit> edits = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        int[] order = {0};

        Optional<NodeTuple> scrapeConfigs = root.flatMap(r -> YamlText.entry(r, "scrape_configs"));
        Optional<NodeTuple> ruleFiles = root.flatMap(r -> YamlText.entry(r, "rule_files"));
        Optional<NodeTuple> alerting = root.flatMap(r -> YamlText.entry(r, "alerting"));
        int endOfText = original.length();
        String leadIn = original.isEmpty() || original.endsWith("\n") || original.endsWith("\r") ? "" : nl;
        int newKeysAt = scrapeConfigs.map(yaml::beforeKeyWithComments).orElse(endOfText);
        String newKeysLeadIn = newKeysAt == endOfText ? leadIn : "";

        // Alertmanager: only when asked and the operator has no alerting section at all; an existing one is theirs.
        if (request.alertmanagerAddress().isPresent() && alerting.isEmpty()) {
            String address = request.alertmanagerAddress().get();
            String block = "alerting:" + nl + "  alertmanagers:" + nl + "    - static_configs:" + nl
                    + "        - targets:" + nl + "            - " + quote(address) + nl;
            // Prometheus' documented order is global, alerting, rule_files, scrape_configs.
            int at = ruleFiles.map(yaml::beforeKeyWithComments).orElse(newKeysAt);
            edits.add(new TextEdit(at, 0, (at == endOfText ? leadIn : "") + block, order[0]++));
            if (at == newKeysAt) {
                newKeysLeadIn = "";
            }
            changes.add("add alerting section sending alerts to Alertmanager " + address);
        }

        // Rule files: add an entry for each of ours that no existing entry (a path or a glob) covers.
        List<String> existingEntries = ruleFiles.map(t -> scalarItems(t.getValueNode())).orElse(List.of());
        List<String> missing = new ArrayList<>();
        for (Path file : request.ruleFiles()) {
            if (existingEntries.stream().noneMatch(entry -> covers(entry, file, request.configDir()))) {
                missing.add(file.toString());
            }
        }
        if (!missing.isEmpty()) {
            if (ruleFiles.isEmpty()) {
                StringBuilder block = new StringBuilder("rule_files:").append(nl);
                missing.forEach(m -> block.append("  - ").append(quote(m)).append(nl));
                edits.add(new TextEdit(newKeysAt, 0, newKeysLeadIn + block, order[0]++));
                newKeysLeadIn = "";
            } else {
                appendScalarItems(yaml, ruleFiles.get(), missing, nl, edits, order);
            }
            missing.forEach(m -> changes.add("add rule_files entry " + m));
        }

        // Scrape job.
        ScrapeJob wanted = request.job();
        List<String> jobLines = render(wanted.body());
        if (scrapeConfigs.isEmpty()) {
            String block = "scrape_configs:" + nl + "  " + MARKER + nl + item(jobLines, 2, 4, nl);
            edits.add(new TextEdit(endOfText, 0, newKeysLeadIn + block, order[0]++));
            changes.add("add scrape job " + withLabels(wanted));
        } else {
            mergeJob(yaml, scrapeConfigs.get(), wanted, jobLines, request.force(), nl, edits, changes, order);
        }
        return new MergeResult(TextEdit.apply(original, edits), changes);
    }

    private void mergeJob(YamlText yaml, NodeTuple scrapeConfigs, ScrapeJob wanted, List<String> jobLines,
                          boolean force, String nl, List<TextEdit> edits, List<String> changes, int[] order) {
        Node value = scrapeConfigs.getValueNode();
        if (YamlText.isNull(value) || value instanceof SequenceNode seq && seq.getValue().isEmpty()) {
            int at = fillEmptyValue(yaml, scrapeConfigs, edits, order);
            edits.add(new TextEdit(at, 0, "  " + MARKER + nl + item(jobLines, 2, 4, nl), order[0]++));
            changes.add("add scrape job " + withLabels(wanted));
            return;
        }
        if (!(value instanceof SequenceNode sequence) || YamlText.isFlow(sequence)) {
            throw new OpsInputException(source + ": scrape_configs at line " + (value.getStartMark().getLine() + 1)
                    + " is not a block list; rewrite it as '- job_name: ...' items and run install again");
        }
        List<MappingNode> ours = new ArrayList<>();
        for (Node node : sequence.getValue()) {
            if (node instanceof MappingNode job && YamlText.scalar(job, "job_name").filter(wanted.name()::equals).isPresent()) {
                ours.add(job);
            }
        }
        if (ours.size() > 1) {
            throw new OpsInputException(source + " has " + ours.size() + " jobs named '" + wanted.name()
                    + "' (Prometheus refuses duplicates); delete all but one by hand, then run install again");
        }
        Node first = sequence.getValue().get(0);
        int dashCol = yaml.column(yaml.dashBefore(first));
        int contentCol = yaml.column(yaml.offset(first.getStartMark()));
        if (ours.isEmpty()) {
            int at = yaml.endOfLine(yaml.contentEnd(sequence));
            String lead = at == yaml.text().length() && !yaml.text().endsWith("\n") ? nl : "";
            edits.add(new TextEdit(at, 0, lead + " ".repeat(dashCol) + MARKER + nl
                    + item(jobLines, dashCol, contentCol, nl), order[0]++));
            changes.add("add scrape job " + withLabels(wanted));
            return;
        }
        MappingNode existingNode = ours.get(0);
        ScrapeJob existing = ScrapeJob.of(load(yaml, existingNode));
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
        edits.add(new TextEdit(start, end - start, lead + item(jobLines, itemDashCol, itemContentCol, nl), order[0]++));
        changes.add((sameTargets ? "update scrape job " : "replace scrape job ") + existing + " with " + wanted
                + (existing.labels().equals(wanted.labels()) ? ""
                : " (labels " + existing.labels() + " -> " + wanted.labels() + ")"));
    }

    private void appendScalarItems(YamlText yaml, NodeTuple key, List<String> values, String nl, List<TextEdit> edits,
                                   int[] order) {
        Node value = key.getValueNode();
        if (YamlText.isNull(value) || value instanceof SequenceNode seq && seq.getValue().isEmpty()) {
            int at = fillEmptyValue(yaml, key, edits, order);
            StringBuilder block = new StringBuilder();
            values.forEach(v -> block.append("  - ").append(quote(v)).append(nl));
            edits.add(new TextEdit(at, 0, block.toString(), order[0]++));
            return;
        }
        if (!(value instanceof SequenceNode sequence) || YamlText.isFlow(sequence)) {
            throw new OpsInputException(source + ": " + ((ScalarNode) key.getKeyNode()).getValue() + " at line "
                    + (value.getStartMark().getLine() + 1) + " is not a block list; rewrite it as '- path' items "
                    + "and run install again");
        }
        Node first = sequence.getValue().get(0);
        int dashCol = yaml.column(yaml.dashBefore(first));
        int at = yaml.endOfLine(yaml.contentEnd(sequence));
        StringBuilder block = new StringBuilder(at == yaml.text().length() && !yaml.text().endsWith("\n") ? nl : "");
        values.forEach(v -> block.append(" ".repeat(dashCol)).append("- ").append(quote(v)).append(nl));
        edits.add(new TextEdit(at, 0, block.toString(), order[0]++));
    }

    /** Removes an explicit empty value ({@code ~}, {@code null}, {@code []}) and returns where list items go. */
    private int fillEmptyValue(YamlText yaml, NodeTuple key, List<TextEdit> edits, int[] order) {
        Node value = key.getValueNode();
        int keyEnd = yaml.offset(key.getKeyNode().getEndMark());
        int start = yaml.offset(value.getStartMark());
        int end = yaml.offset(value.getEndMark());
        if (end > start && yaml.lineStartOf(start) == yaml.lineStartOf(keyEnd)) {
            edits.add(new TextEdit(start, end - start, "", order[0]++));
        }
        int at = yaml.endOfLine(keyEnd);
        if (at == yaml.text().length() && !yaml.text().endsWith("\n")) {
            edits.add(new TextEdit(at, 0, yaml.newline(), order[0]++));
        }
        return at;
    }

    /** True when a rule_files entry (path or glob, relative to the config's folder) names {@code file}. */
    public static boolean covers(String entry, Path file, Path configDir) {
        Path pattern = configDir.resolve(entry).normalize();
        Path target = file.toAbsolutePath().normalize();
        if (!entry.contains("*") && !entry.contains("?") && !entry.contains("[")) {
            return pattern.equals(target);
        }
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + pattern).matches(target);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static List<String> scalarItems(Node node) {
        List<String> items = new ArrayList<>();
        if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                if (item instanceof ScalarNode scalar) {
                    items.add(scalar.getValue());
                }
            }
        }
        return items;
    }

    private static Map<?, ?> load(YamlText yaml, MappingNode node) {
        int start = yaml.offset(node.getStartMark());
        int end = yaml.endOfLine(yaml.contentEnd(node));
        // Re-indent the item's text to column 0 so it loads on its own.
        int column = yaml.column(start);
        StringBuilder text = new StringBuilder(" ".repeat(column));
        text.append(yaml.text(), start, end);
        Object loaded = new Yaml(new LoaderOptions()).load(text.toString());
        return loaded instanceof Map<?, ?> map ? map : Map.of();
    }

    /** Our job as block YAML lines, Prometheus-docs style (list items indented under their key). */
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

    private static String item(List<String> lines, int dashCol, int contentCol, String nl) {
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

    private static String quote(String scalar) {
        DumperOptions options = new DumperOptions();
        options.setWidth(1000);
        String dumped = new Yaml(options).dump(scalar).strip();
        return dumped;
    }

    /** A job with our name already scrapes something else: refused unless --force. */
    public static final class JobConflictException extends OpsInputException {
        public JobConflictException(String message) {
            super(message);
        }
    }
}
