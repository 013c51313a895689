package org.assemblybot.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The real homeserver for integration tests. By default the project's own {@code scripts/homeserver}
 * installs (once, cached) and starts a throwaway Synapse on 127.0.0.1, and stops it when the JVM exits.
 * Set {@code ASSEMBLY_BOT_TEST_HOMESERVER} and {@code ASSEMBLY_BOT_TEST_SHARED_SECRET} to use another one.
 * Users are registered through Synapse's shared-secret admin API.
 */
public final class Synapse {
    private static Synapse instance;

    private final String url;
    private final String sharedSecret;
    private boolean ours;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private Synapse(String url, String sharedSecret) {
        this.url = url;
        this.sharedSecret = sharedSecret;
    }

    /** The shared homeserver, started on first use. */
    public static synchronized Synapse get() {
        if (instance == null) {
            String url = System.getenv("ASSEMBLY_BOT_TEST_HOMESERVER");
            String secret = System.getenv("ASSEMBLY_BOT_TEST_SHARED_SECRET");
            if (url != null && secret != null) {
                instance = new Synapse(url, secret);
            } else {
                // Stop at exit only what this JVM started: another run may be using a server that was
                // already up (a developer's second terminal, a benchmark).
                boolean alreadyRunning = scriptSucceeds("status");
                script("start");
                if (!alreadyRunning) {
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> script("stop")));
                }
                instance = new Synapse(script("url").trim(), script("secret").trim());
                instance.ours = !alreadyRunning;
            }
        }
        return instance;
    }

    /** Whether this fixture runs the homeserver itself (and so can take it down for a while). */
    public boolean controllable() {
        return ours;
    }

    /** An outage: stops the homeserver, keeping its data. */
    public void stop() {
        script("stop");
    }

    /** Ends an outage: starts the homeserver again with its data. */
    public void resume() {
        script("resume");
    }

    public String url() {
        return url;
    }

    /** A fresh user with a random name and password; returns its credentials. */
    public Account register(String prefix) {
        return register(prefix, false);
    }

    /**
     * Limits how fast {@code userId} may send messages (Synapse's per-user override), so that tests can
     * meet real 429 answers. Uses a throwaway admin account.
     */
    public void limitMessages(String userId, int perSecond, int burst) {
        try {
            Account admin = register("admin", true);
            String login = json.writeValueAsString(Map.of("type", "m.login.password",
                    "identifier", Map.of("type", "m.id.user", "user", admin.userId()), "password", admin.password()));
            String token = json.readTree(send(HttpRequest.newBuilder(URI.create(url + "/_matrix/client/v3/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(login)))).get("access_token").asText();
            String limits = json.writeValueAsString(Map.of("messages_per_second", perSecond, "burst_count", burst));
            send(HttpRequest.newBuilder(URI.create(url + "/_synapse/admin/v1/users/"
                            + java.net.URLEncoder.encode(userId, StandardCharsets.UTF_8) + "/override_ratelimit"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(limits)));
        } catch (IOException e) {
            throw new IllegalStateException("could not set a rate limit on " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Logs out every session of {@code account} ({@code /logout/all}), as an operator revoking a bot's access
     * would: its access tokens stop working at once.
     */
    public void logoutEverywhere(Account account) {
        try {
            String login = json.writeValueAsString(Map.of("type", "m.login.password",
                    "identifier", Map.of("type", "m.id.user", "user", account.userId()), "password", account.password()));
            String token = json.readTree(send(HttpRequest.newBuilder(URI.create(url + "/_matrix/client/v3/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(login)))).get("access_token").asText();
            send(HttpRequest.newBuilder(URI.create(url + "/_matrix/client/v3/logout/all"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")));
        } catch (IOException e) {
            throw new IllegalStateException("could not log out " + account.userId() + " on " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Account register(String prefix, boolean admin) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        try {
            JsonNode nonce = json.readTree(send(HttpRequest.newBuilder(URI.create(url + "/_synapse/admin/v1/register")).GET()));
            String n = nonce.get("nonce").asText();
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(sharedSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            mac.update((n + "\0" + name + "\0" + password + "\0" + (admin ? "admin" : "notadmin"))
                    .getBytes(StandardCharsets.UTF_8));
            String body = json.writeValueAsString(Map.of("nonce", n, "username", name, "password", password,
                    "admin", admin, "mac", HexFormat.of().formatHex(mac.doFinal())));
            JsonNode registered = json.readTree(send(HttpRequest.newBuilder(URI.create(url + "/_synapse/admin/v1/register"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))));
            return new Account(registered.get("user_id").asText(), password);
        } catch (Exception e) {
            throw new IllegalStateException("could not register a user on " + url, e);
        }
    }

    private String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    public record Account(String userId, String password) {
    }

    private static boolean scriptSucceeds(String command) {
        try {
            return script(command) != null;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static String script(String command) {
        Path script = Path.of(System.getProperty("assemblybot.basedir", ".")).resolve("scripts/homeserver");
        try {
            Process process = new ProcessBuilder(script.toString(), command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("scripts/homeserver " + command + " failed");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
