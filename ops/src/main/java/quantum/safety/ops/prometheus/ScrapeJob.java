package quantum.safety.ops.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

import quantum.safety.ops.OpsInputException;

/**
 * One Prometheus scrape job as a plain YAML structure (what SnakeYAML loads), with the accessors install needs.
 * Immutable: {@link #withTargets} returns a copy.
 */
public final class ScrapeJob {

    private final Map<String, Object> body;

    private ScrapeJob(Map<String, Object> body) {
        this.body = body;
    }

    /**
     * Reads the bundle's scrape-job file, which may hold the job itself, a list of jobs, or a
     * {@code scrape_configs:} list (a fragment ready to paste); picks the job named {@code jobName}.
     */
    public static ScrapeJob parse(String yaml, String jobName, String source) {
        return find(yaml, jobName, source)
                .orElseThrow(() -> new OpsInputException(source + " holds no scrape job named '" + jobName + "'"));
    }

    /**
     * Like {@link #parse}, for a job that may be missing; a whole prometheus.yml is read too (its
     * {@code scrape_configs}).
     */
    @SuppressWarnings("unchecked")
    public static Optional<ScrapeJob> find(String yaml, String jobName, String source) {
        Object loaded;
        try {
            loaded = new Yaml(new LoaderOptions()).load(yaml);
        } catch (YAMLException e) {
            throw new OpsInputException(source + " is not valid YAML: " + YamlText.oneLine(e.getMessage()));
        }
        List<Object> candidates = new ArrayList<>();
        if (loaded instanceof Map<?, ?> map && map.containsKey("scrape_configs")
                && map.get("scrape_configs") instanceof List<?> list) {
            candidates.addAll(list);
        } else if (loaded instanceof List<?> list) {
            candidates.addAll(list);
        } else if (loaded instanceof Map<?, ?> map) {
            candidates.add(map);
        }
        for (Object candidate : candidates) {
            if (candidate instanceof Map<?, ?> job && jobName.equals(String.valueOf(job.get("job_name")))) {
                return Optional.of(new ScrapeJob(deepCopy((Map<String, Object>) job)));
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    static ScrapeJob of(Map<?, ?> body) {
        return new ScrapeJob(deepCopy((Map<String, Object>) body));
    }

    public String name() {
        return String.valueOf(body.get("job_name"));
    }

    /** Every static target of the job, in order. */
    public List<String> targets() {
        List<String> targets = new ArrayList<>();
        if (body.get("static_configs") instanceof List<?> configs) {
            for (Object config : configs) {
                if (config instanceof Map<?, ?> map && map.get("targets") instanceof List<?> list) {
                    list.forEach(t -> targets.add(String.valueOf(t)));
                }
            }
        }
        return targets;
    }

    /** A copy scraping exactly {@code target}: the first static config keeps its labels, the others go. */
    @SuppressWarnings("unchecked")
    public ScrapeJob withTargets(List<String> newTargets) {
        Map<String, Object> copy = deepCopy(body);
        Map<String, Object> first = new LinkedHashMap<>();
        if (copy.get("static_configs") instanceof List<?> configs && !configs.isEmpty()
                && configs.get(0) instanceof Map<?, ?> map) {
            first.putAll((Map<String, Object>) map);
        }
        first.put("targets", new ArrayList<>(newTargets));
        List<Object> configs = new ArrayList<>();
        configs.add(first);
        copy.put("static_configs", configs);
        return new ScrapeJob(copy);
    }

    /** A copy with {@code name=value} in the labels of every static config (added, or replacing the value there). */
    @SuppressWarnings("unchecked")
    public ScrapeJob withLabel(String name, String value) {
        Map<String, Object> copy = deepCopy(body);
        if (copy.get("static_configs") instanceof List<?> configs) {
            for (Object config : configs) {
                if (config instanceof Map<?, ?> map) {
                    Map<String, Object> staticConfig = (Map<String, Object>) map;
                    Map<String, Object> labels = staticConfig.get("labels") instanceof Map<?, ?> l
                            ? (Map<String, Object>) l : new LinkedHashMap<>();
                    labels.put(name, value);
                    staticConfig.put("labels", labels);
                }
            }
        }
        return new ScrapeJob(copy);
    }

    /** The labels of the first static config (empty when it has none), for messages. */
    public Map<String, Object> labels() {
        if (body.get("static_configs") instanceof List<?> configs && !configs.isEmpty()
                && configs.get(0) instanceof Map<?, ?> map && map.get("labels") instanceof Map<?, ?> labels) {
            Map<String, Object> copy = new LinkedHashMap<>();
            labels.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return copy;
        }
        return Map.of();
    }

    /** The job as SnakeYAML would load it; a deep copy the caller may keep. */
    public Map<String, Object> body() {
        return deepCopy(body);
    }

    /** Same job: same structure, key order ignored (maps compare by content). */
    public boolean sameAs(ScrapeJob other) {
        return body.equals(other.body);
    }

    @SuppressWarnings("unchecked")
    private static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, deepCopy(v)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(deepCopy(v)));
            return (T) copy;
        }
        return value;
    }

    @Override
    public String toString() {
        return name() + " " + targets();
    }
}
