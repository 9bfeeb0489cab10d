package quantum.safety.bench;

import java.util.concurrent.TimeUnit;

import quantum.safety.kernel.SafetyKernel;
import quantum.safety.process.LocalRedis;
import quantum.safety.service.DecisionService;
import quantum.safety.service.ServiceConfig;
import redis.clients.jedis.UnifiedJedis;

/**
 * The service of {@link DecisionServiceBench} alone (its own redis-server, limits nothing reaches) for a given time,
 * so that one side can be profiled while a client drives it: a flight recording of this JVM
 * ({@code -XX:StartFlightRecording}), or {@code decide_bench.py --profile} against the address it prints.
 *
 * <pre>
 *   java -XX:StartFlightRecording=filename=service.jfr,settings=profile \
 *       -cp bench/target/benchmarks.jar quantum.safety.bench.ProfiledService [seconds]      (default 60)
 * </pre>
 */
public final class ProfiledService {

    private ProfiledService() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        try (LocalRedis redis = LocalRedis.start();
             UnifiedJedis client = DecisionServiceBench.connect(redis, DecisionServiceBench.SERVICE_THREADS + 2,
                     "quantum-safety-bench-service")) {
            SafetyKernel kernel = DecisionServiceBench.kernel(client, "bench-service");
            ServiceConfig config = ServiceConfig.builder().listenAddress("127.0.0.1:0")
                    .threads(DecisionServiceBench.SERVICE_THREADS).build("bench", "bench").build();
            try (DecisionService service = DecisionService.start(config, kernel)) {
                System.out.println("--service http://127.0.0.1:" + service.port() + " --redis " + redis.host() + ":"
                        + redis.port());
                System.out.flush();
                TimeUnit.SECONDS.sleep(seconds);
            }
        }
        System.exit(0);
    }
}
