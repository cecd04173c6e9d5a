package cn.zjlm.federation.gateway;

import cn.zjlm.federation.local.Ports;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/** A stand-in upstream that echoes what reached it; the care route points at a closed port. */
public class EchoUpstreams implements QuarkusTestResourceLifecycleManager {
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            String body;
            if (exchange.getRequestURI().getPath().equals("/q/openapi")) {
                body = "{\"openapi\":\"3.1.0\",\"paths\":{\"/api/v1/echo\":{\"get\":{}}},"
                        + "\"components\":{\"schemas\":{\"Echo\":{\"type\":\"object\"}}}}";
            } else {
                byte[] received;
                try (InputStream in = exchange.getRequestBody()) {
                    received = in.readAllBytes();
                }
                String sha;
                try {
                    sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(received));
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
                var h = exchange.getRequestHeaders();
                body = "{\"method\":\"%s\",\"uri\":\"%s\",\"authorization\":%b,\"correlationId\":\"%s\",\"forwardedFor\":\"%s\",\"length\":%d,\"sha256\":\"%s\",\"traceparent\":\"%s\",\"forwardedElse\":\"%s\"}"
                        .formatted(exchange.getRequestMethod(), exchange.getRequestURI(), h.containsKey("Authorization"),
                                h.getFirst("X-Correlation-Id"), String.join(",", h.getOrDefault("X-Forwarded-For", java.util.List.of())),
                                received.length, sha, h.getFirst("traceparent"),
                                String.join(",", h.keySet().stream().filter(k -> k.equalsIgnoreCase("Forwarded")
                                        || k.equalsIgnoreCase("X-Forwarded-Port") || k.equalsIgnoreCase("X-Forwarded-Prefix")
                                        || k.equalsIgnoreCase("X-Forwarded-Ssl") || k.equalsIgnoreCase("X-Real-Ip")).sorted().toList()));
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        String url = "http://localhost:" + server.getAddress().getPort();
        return Map.of("gateway.routes.member.url", url, "gateway.routes.honors.url", url,
                "gateway.routes.events.url", url, "gateway.routes.care.url", "http://localhost:" + Ports.free());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
