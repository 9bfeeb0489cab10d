package quantum.safety.ops.prometheus;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import quantum.safety.ops.OpsInputException;

/**
 * Puts our scrape jobs, our rule files and (optionally) an Alertmanager and our remote_write entry
 * ({@link RemoteWriteMerge}) into an operator's prometheus.yml, touching
 * nothing else: SnakeYAML parses the file to find where things are and decide, then minimal text edits insert or
 * replace our blocks, so every other byte (comments, order, quoting, blank lines) stays as it was.
 *
 * <p>Idempotent: a config that already has identical jobs and covers our rule files comes back unchanged.
 * A job with one of our names but another target is refused unless {@code force}; then it is replaced in place, never
 * duplicated ({@link ScrapeConfigsMerge}). A job to leave out is taken out when an install added it (its marker
 * comment above it) and kept, with a note saying so, when it is the operator's.
 */
public final class PrometheusConfigMerger {

    /**
     * What to merge: an immutable snapshot built with {@link #builder()}.
     *
     * @param jobs                our scrape jobs, in the order they are added
     * @param ruleFiles           absolute paths
     * @param configDir           resolves relative rule_files entries
     * @param alertmanagerAddress host:port for a new alerting section; empty: none is added
     * @param force               replace a job of our name that scrapes another target
     * @param leftOut             names of jobs of ours this merge does not add, taken out where an install added them
     * @param remoteWrite         our remote_write entry and why; without one, the one an install added is taken out
     */
    public record Request(List<ScrapeJob> jobs, List<Path> ruleFiles, Path configDir,
                          Optional<String> alertmanagerAddress, boolean force, List<String> leftOut,
                          RemoteWriteChoice remoteWrite) {

        /** Rejects a request without a job to merge or the folder its rule files are relative to. */
        public Request {
            if (jobs == null || jobs.isEmpty()) {
                throw new IllegalArgumentException("scrape job is missing; set PrometheusConfigMerger.Request.builder().job(job)");
            }
            jobs = List.copyOf(jobs);
            if (configDir == null) {
                throw new IllegalArgumentException("config dir is missing; set PrometheusConfigMerger.Request.builder().configDir(dir)");
            }
            ruleFiles = List.copyOf(ruleFiles);
            leftOut = List.copyOf(leftOut);
            for (ScrapeJob job : jobs) {
                if (leftOut.contains(job.name())) {
                    throw new IllegalArgumentException("job " + job.name() + " is both merged and left out");
                }
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        /** Defaults: no rule files, no Alertmanager, no force, no job left out, no remote write. */
        public static final class Builder {
            private List<ScrapeJob> jobs = List.of();
            private List<Path> ruleFiles = List.of();
            private Path configDir;
            private String alertmanagerAddress;
            private boolean force;
            private List<String> leftOut = List.of();
            private RemoteWriteChoice remoteWrite = RemoteWriteChoice.NOT_GIVEN;

            private Builder() {
            }

            /** The one job to merge. */
            public Builder job(ScrapeJob v) { jobs = v == null ? List.of() : List.of(v); return this; }
            /** The jobs to merge, in the order they are added. */
            public Builder jobs(List<ScrapeJob> v) { jobs = v; return this; }
            public Builder ruleFiles(List<Path> v) { ruleFiles = v; return this; }
            public Builder configDir(Path v) { configDir = v; return this; }
            public Builder alertmanagerAddress(String v) { alertmanagerAddress = v; return this; }
            public Builder force(boolean v) { force = v; return this; }
            /** Names of jobs of ours not to merge: taken out where an install added them, else left and noted. */
            public Builder leaveOut(List<String> v) { leftOut = v; return this; }
            /** Our remote_write entry as the flags give it; null: none (the one an install added is taken out). */
            public Builder remoteWrite(RemoteWrite v) {
                remoteWrite = v == null ? RemoteWriteChoice.NOT_GIVEN : RemoteWriteChoice.given(v);
                return this;
            }
            /** Our remote_write entry, or none, and why: given, kept from an earlier install, or taken out. */
            public Builder remoteWriteChoice(RemoteWriteChoice v) { remoteWrite = v; return this; }

            /** Builds the request; throws {@link IllegalArgumentException} naming what is missing. */
            public Request build() {
                return new Request(jobs, ruleFiles, configDir, Optional.ofNullable(alertmanagerAddress), force, leftOut,
                        remoteWrite == null ? RemoteWriteChoice.NOT_GIVEN : remoteWrite);
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
        List<String> notes = new ArrayList<>();
        int[] order = {0};

        Optional<NodeTuple> scrapeConfigs = root.flatMap(r -> YamlText.entry(r, "scrape_configs"));
        Optional<NodeTuple> ruleFiles = root.flatMap(r -> YamlText.entry(r, "rule_files"));
        Optional<NodeTuple> alerting = root.flatMap(r -> YamlText.entry(r, "alerting"));
        Optional<NodeTuple> remoteWrite = root.flatMap(r -> YamlText.entry(r, "remote_write"));
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

        // Scrape jobs.
        ScrapeConfigsMerge jobs = new ScrapeConfigsMerge(yaml, source, edits, changes, order);
        if (scrapeConfigs.isEmpty()) {
            jobs.addKey(endOfText, newKeysLeadIn, request.jobs());
        } else {
            jobs.merge(scrapeConfigs.get(), request.jobs(), request.force());
            jobs.leaveOut(scrapeConfigs.get(), request.leftOut(), notes);
        }
        // Remote write last: a new key goes at the end, after a scrape_configs added there (which ends with a break).
        new RemoteWriteMerge(yaml, source, edits, changes, order).merge(remoteWrite, request.remoteWrite(),
                request.force(), scrapeConfigs.isEmpty() ? "" : leadIn, notes);
        return new MergeResult(TextEdit.apply(original, edits), changes, notes);
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
    static int fillEmptyValue(YamlText yaml, NodeTuple key, List<TextEdit> edits, int[] order) {
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
