package org.assemblybot.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;

/**
 * A minimal Matrix client over plain HTTP, without encryption: many of them can act as a crowd of voters in
 * an unencrypted room of a benchmark. It only logs in, joins and sends.
 */
public final class LightClient {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String homeserver;
    private final String token;
    private final String userId;

    private LightClient(String homeserver, String token, String userId) {
        this.homeserver = homeserver;
        this.token = token;
        this.userId = userId;
    }

    public static LightClient login(String homeserver, Synapse.Account account) {
        String body = json(Map.of("type", "m.login.password",
                "identifier", Map.of("type", "m.id.user", "user", account.userId()), "password", account.password()));
        String response = call(homeserver, "POST", "/_matrix/client/v3/login", null, body);
        try {
            return new LightClient(homeserver, JSON.readTree(response).get("access_token").asText(), account.userId());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String userId() {
        return userId;
    }

    public void join(RoomId room) {
        call(homeserver, "POST", "/_matrix/client/v3/rooms/" + encode(room.value()) + "/join", token, "{}");
    }

    public EventId say(RoomId room, String text) {
        return send(room, "m.room.message", json(Map.of("msgtype", "m.text", "body", text)));
    }

    public EventId respondToPoll(RoomId room, EventId poll, List<String> answers) {
        return send(room, "org.matrix.msc3381.poll.response", json(Map.of(
                "m.relates_to", Map.of("rel_type", "m.reference", "event_id", poll.value()),
                "org.matrix.msc3381.poll.response", Map.of("answers", answers))));
    }

    public EventId react(RoomId room, EventId target, String key) {
        return send(room, "m.reaction", json(Map.of(
                "m.relates_to", Map.of("rel_type", "m.annotation", "event_id", target.value(), "key", key))));
    }

    private EventId send(RoomId room, String type, String content) {
        String path = "/_matrix/client/v3/rooms/" + encode(room.value()) + "/send/" + type + "/" + UUID.randomUUID();
        try {
            return new EventId(JSON.readTree(call(homeserver, "PUT", path, token, content)).get("event_id").asText());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String call(String homeserver, String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(homeserver + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path.split("\\?")[0] + ": HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
