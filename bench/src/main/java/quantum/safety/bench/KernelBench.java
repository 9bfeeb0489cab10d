package quantum.safety.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs {@link KernelBenchmark} three ways in one go — latency (sample time, 1 thread), throughput with 1 thread and
 * with 8 threads — and prints decide() next to PING and to an empty script with the decision's keys and arguments,
 * with the ratios, as a Markdown table for {@code docs/benchmarks.md}.
 *
 * <pre>
 *   mvn -B -q -pl bench -am package -DskipTests
 *   java -jar bench/target/benchmarks.jar [warmup-seconds] [measure-seconds] [iterations]
 * </pre>
 */
public final class KernelBench {

    private KernelBench() {
    }

    public static void main(String[] args) throws RunnerException {
        int warmupSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int measureSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 3;

        Map<String, Double> figures = new LinkedHashMap<>();
        for (RunResult r : run(base(warmupSeconds, measureSeconds, iterations).mode(Mode.SampleTime)
                .timeUnit(TimeUnit.MICROSECONDS).threads(1).build())) {
            Statistics stats = r.getPrimaryResult().getStatistics();
            String name = name(r.getParams());
            figures.put(name + ".p50", stats.getPercentile(50));
            figures.put(name + ".p99", stats.getPercentile(99));
        }
        for (int threads : new int[] {1, 8}) {
            for (RunResult r : run(base(warmupSeconds, measureSeconds, iterations).mode(Mode.Throughput)
                    .timeUnit(TimeUnit.SECONDS).threads(threads).build())) {
                figures.put(name(r.getParams()) + ".ops" + threads, r.getPrimaryResult().getScore());
            }
        }
        System.out.println();
        System.out.println(report(figures));
    }

    private static ChainedOptionsBuilder base(int warmupSeconds, int measureSeconds, int iterations) {
        return new OptionsBuilder()
                .include(KernelBenchmark.class.getName() + "\\.")
                .forks(1)
                .warmupIterations(2).warmupTime(TimeValue.seconds(warmupSeconds))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(measureSeconds))
                .shouldFailOnError(true);
    }

    private static Collection<RunResult> run(Options options) throws RunnerException {
        return new Runner(options).run();
    }

    private static String name(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    static String report(Map<String, Double> f) {
        StringBuilder sb = new StringBuilder();
        sb.append("| measure | decide() | PING | empty script, same keys and args | decide / PING | empty script / PING |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        row(sb, "latency p50 (µs), 1 thread", f, ".p50", "%.1f");
        row(sb, "latency p99 (µs), 1 thread", f, ".p99", "%.1f");
        row(sb, "throughput (ops/s), 1 thread", f, ".ops1", "%,.0f");
        row(sb, "throughput (ops/s), 8 threads", f, ".ops8", "%,.0f");
        return sb.toString();
    }

    private static void row(StringBuilder sb, String label, Map<String, Double> f, String suffix, String format) {
        Double decide = f.get("decide" + suffix);
        Double ping = f.get("ping" + suffix);
        Double empty = f.get("emptyScript" + suffix);
        if (decide == null || ping == null || empty == null) {
            sb.append("| ").append(label).append(" | n/a | n/a | n/a | n/a | n/a |\n");
            return;
        }
        sb.append("| ").append(label)
                .append(" | ").append(String.format(Locale.ROOT, format, decide))
                .append(" | ").append(String.format(Locale.ROOT, format, ping))
                .append(" | ").append(String.format(Locale.ROOT, format, empty))
                .append(" | ").append(String.format(Locale.ROOT, "%.2f", decide / ping))
                .append(" | ").append(String.format(Locale.ROOT, "%.2f", empty / ping)).append(" |\n");
    }
}
