package org.assemblybot.adapter.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.assemblybot.core.ops.SyncHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operators' HTTP endpoint: {@code /healthz} (200 or 503 with one line of text) and {@code /metrics}
 * (Prometheus text format, by the Prometheus client's own handler). The JDK's HTTP server on one daemon
 * thread: scrapes are rare and small.
 */
public final class OpsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OpsServer.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private OpsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds {@code address} and serves; fails at once when the address is taken. */
    public static OpsServer start(ListenAddress address, Supplier<SyncHealth.Status> health,
                                  PrometheusRegistry registry) throws IOException {
        HttpServer server = HttpServer.create(address.socketAddress(), 8);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "ops-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", new MetricsHandler(registry));
        server.createContext("/healthz", exchange -> healthz(exchange, health.get()));
        server.start();
        log.info("serving /healthz and /metrics on http://{}", address);
        return new OpsServer(server, executor);
    }

    /** The port actually bound (useful when 0 was asked for). */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void healthz(HttpExchange exchange, SyncHealth.Status status) throws IOException {
        try (exchange) {
            byte[] body = (status.text() + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(status.healthy() ? 200 : 503, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
