package quantum.safety.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;

import quantum.safety.kernel.KernelConfig;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.SafetyKernel;
import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;
import redis.clients.jedis.UnifiedJedis;

/** A decision service on loopback, its kernel and Redis client, started as {@code kernel serve} starts them. */
record RunningService(DecisionService service, SafetyKernel kernel, UnifiedJedis redis) implements AutoCloseable {

    static RunningService start(String host, int port) {
        return start(host, port, k -> { }, s -> { });
    }

    static RunningService start(String host, int port, Consumer<KernelConfig.Builder> kernelSettings,
                                Consumer<ServiceConfig.Builder> serviceSettings) {
        KernelConfig.Builder kernel = KernelConfig.builder().windowSeconds(3600).globalMax(1000).symbolMax(1000)
                .cooldownSeconds(300).kernelId("service-test");
        kernelSettings.accept(kernel);
        KernelConfig config = kernel.build();
        ServiceConfig.Builder service = ServiceConfig.builder().listenAddress("127.0.0.1:0").runtimeMetrics(false)
                .shutdownGrace(Duration.ofSeconds(10)).build("0.1.0-test", "abc1234");
        serviceSettings.accept(service);
        UnifiedJedis redis = RedisConnector.to(RedisEndpoint.standalone(host, port), RedisCredentials.none())
                .connectTimeout(Duration.ofMillis(500)).clientName("quantum-safety-service-test")
                .maxConnections(service.build().threads() + 2).forDecisions(config.decisionTimeout()).open();
        SafetyKernel safetyKernel = SafetyKernel.create(config, redis, RedisSchema.legacy());
        try {
            return new RunningService(DecisionService.start(service.build(), safetyKernel), safetyKernel, redis);
        } catch (IOException e) {
            safetyKernel.close();
            redis.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            safetyKernel.close();
            redis.close();
            throw e;
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + service.port() + path;
    }

    HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"));
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET());
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Override
    public void close() {
        service.close();
        kernel.close();
        redis.close();
    }
}
