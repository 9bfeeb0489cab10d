package quantum.safety.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

import quantum.safety.ops.bundle.BundlePaths;
import quantum.safety.ops.bundle.BundleSource;
import quantum.safety.ops.plan.FileKind;

/**
 * The Alertmanager part of an install: the bundle's config and the message templates it loads, placed next to the
 * config at the paths its {@code templates:} globs name. Alertmanager resolves those globs against the config's
 * folder and loads nothing, silently, when a glob matches no file; so a glob that would match no file, or a template
 * no glob would load, is refused here, before anything changes.
 */
final class AlertmanagerFiles {

    private AlertmanagerFiles() {
    }

    /** The config at {@code config} and each bundle template beside it; over different files only when forced. */
    static List<PlannedFile> plan(BundleSource bundle, Path config, boolean force) {
        byte[] wanted = bundle.require(BundlePaths.ALERTMANAGER);
        PlannedFile planned = Planner.file(FileKind.ALERTMANAGER_CONFIG, config, wanted,
                List.of("Alertmanager routing from the bundle"));
        if (overwrites(planned) && !force) {
            throw new OpsInputException("--alertmanager.config " + config + " exists and differs from the bundle's; "
                    + "it may hold your receivers. Merge by hand, or re-run with --force to replace it (a backup is kept)");
        }
        List<PlannedFile> files = new ArrayList<>();
        for (String template : BundlePaths.ALERTMANAGER_TEMPLATES) {
            Optional<byte[]> content = bundle.read(template);
            if (content.isEmpty()) {
                continue;
            }
            Path target = config.resolveSibling(BundlePaths.relativeToAlertmanagerConfig(template)).normalize();
            PlannedFile file = Planner.file(FileKind.ALERTMANAGER_TEMPLATE, target, content.get(),
                    List.of("message templates the Alertmanager config loads"));
            if (overwrites(file) && !force) {
                throw new OpsInputException(target + " exists and differs from the bundle's template " + template
                        + "; re-run with --force to replace it (a backup is kept)");
            }
            files.add(file);
        }
        requireGlobsMatch(wanted, config, files.stream().map(PlannedFile::target).toList(), bundle.describe());
        files.add(planned);
        return files;
    }

    /**
     * Every {@code templates:} glob of {@code configYaml}, resolved against {@code config}'s folder, matches a
     * template about to be installed or a file already there, and every template about to be installed is matched.
     */
    static void requireGlobsMatch(byte[] configYaml, Path config, List<Path> templates, String source) {
        List<String> globs = templateGlobs(configYaml, source);
        List<PathMatcher> matchers = new ArrayList<>();
        for (String glob : globs) {
            Path pattern = config.resolveSibling(glob).normalize();
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            matchers.add(matcher);
            if (templates.stream().noneMatch(matcher::matches) && !matchesExisting(pattern, matcher)) {
                throw new OpsInputException("the bundle's " + BundlePaths.ALERTMANAGER + " (" + source + ") loads "
                        + "templates from '" + glob + "', which would match no file next to --alertmanager.config "
                        + config + " (" + pattern + "); add the template files to the bundle or fix the glob");
            }
        }
        for (Path template : templates) {
            if (matchers.stream().noneMatch(m -> m.matches(template))) {
                throw new OpsInputException(template + " would be installed, but no templates: glob of the bundle's "
                        + BundlePaths.ALERTMANAGER + " (" + source + ") loads it (globs: " + globs + "); fix the bundle");
            }
        }
    }

    /** The {@code templates:} entries of an Alertmanager config; none when it has no such list. */
    static List<String> templateGlobs(byte[] configYaml, String source) {
        Object loaded;
        try {
            loaded = new Yaml(new LoaderOptions()).load(new String(configYaml, StandardCharsets.UTF_8));
        } catch (YAMLException e) {
            throw new OpsInputException("the bundle's " + BundlePaths.ALERTMANAGER + " (" + source
                    + ") is not valid YAML; fix the bundle");
        }
        List<String> globs = new ArrayList<>();
        if (loaded instanceof Map<?, ?> map && map.get("templates") instanceof List<?> list) {
            list.forEach(entry -> globs.add(String.valueOf(entry)));
        }
        return globs;
    }

    private static boolean overwrites(PlannedFile file) {
        return file.changed() && !file.creates();
    }

    /** A file already on disk in the glob's folder that it matches (the operator's own templates count). */
    private static boolean matchesExisting(Path pattern, PathMatcher matcher) {
        Path folder = pattern.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.anyMatch(matcher::matches);
        } catch (IOException e) {
            return false;
        }
    }
}
