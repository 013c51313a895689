package org.assemblybot.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/**
 * A person on Element's own crypto stack: matrix-js-sdk with its Rust crypto, in strict mode (room keys go only
 * to devices their owner cross-signed, Element's "exclude insecure devices"). It runs as a Node process
 * ({@code src/test/js/person.mjs}, installed and started by {@code scripts/js-person}) and is driven over JSON
 * lines. Its own log (warnings, errors) goes to the file given at login.
 */
public final class JsPerson implements AutoCloseable {
    private static final Duration REQUEST = Duration.ofMinutes(2);
    private static final Duration INSTALL = Duration.ofMinutes(15);

    /** A message this client received, decrypted if it was encrypted. */
    public record Message(RoomId room, String eventId, UserId sender, String msgtype, String body, boolean encrypted) {
        public boolean isNotice() {
            return "m.notice".equals(msgtype);
        }
    }

    /** How this client judges another user's device. */
    public record DeviceStatus(boolean known, boolean signedByOwner, boolean crossSigningVerified) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Process process;
    private final Path log;
    private final OutputStream stdin;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new ArrayList<>();
    private int nextId;
    private UserId id;
    private String deviceId;

    private JsPerson(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.stdin = process.getOutputStream();
        Thread reader = new Thread(this::read, "js-person-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Installs the person's packages if missing, starts it, and logs in as {@code account} (a new device). */
    public static JsPerson login(Synapse homeserver, Synapse.Account account, Path log) {
        Path script = Path.of(System.getProperty("assemblybot.basedir", ".")).resolve("scripts/js-person");
        try {
            Process install = new ProcessBuilder(script.toString(), "install")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            if (!install.waitFor(INSTALL.toMillis(), TimeUnit.MILLISECONDS) || install.exitValue() != 0) {
                throw new IllegalStateException("scripts/js-person install failed; see " + log);
            }
            Process process = new ProcessBuilder(script.toString(), "run")
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            JsPerson person = new JsPerson(process, log);
            String localpart = account.userId().substring(1, account.userId().indexOf(':'));
            JsonNode session = person.request("login", Map.of("homeserver", homeserver.url(),
                    "user", localpart, "password", account.password()));
            person.id = new UserId(session.get("userId").asText());
            person.deviceId = session.get("deviceId").asText();
            return person;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public UserId id() {
        return id;
    }

    public String deviceId() {
        return deviceId;
    }

    /** A new private room with encryption on from the start, {@code invite} invited. */
    public RoomId createEncryptedRoom(String name, UserId... invite) {
        List<String> invited = java.util.Arrays.stream(invite).map(UserId::value).toList();
        return new RoomId(request("createRoom", Map.of("name", name, "invite", invited)).get("roomId").asText());
    }

    /** Sends a plain text message, as a person typing would; returns its event id. */
    public String say(RoomId room, String text) {
        return request("say", Map.of("roomId", room.value(), "body", text)).get("eventId").asText();
    }

    /** Fetches {@code user}'s devices anew and tells how this client judges {@code device}. */
    public DeviceStatus deviceStatus(UserId user, String device) {
        JsonNode status = request("deviceStatus", Map.of("userId", user.value(), "deviceId", device));
        return new DeviceStatus(status.get("known").asBoolean(), status.path("signedByOwner").asBoolean(),
                status.path("crossSigningVerified").asBoolean());
    }

    /** Waits for the first received message matching {@code match}; fails after {@code timeout}. */
    public Message awaitMessage(Predicate<Message> match, Duration timeout) {
        return await("message", timeout, () -> received(match).stream().findFirst().orElse(null));
    }

    /** Waits until {@code count} received messages match {@code match}; returns all that match by then. */
    public List<Message> awaitMessages(Predicate<Message> match, int count, Duration timeout) {
        return await(count + " messages", timeout, () -> {
            List<Message> matching = received(match);
            return matching.size() >= count ? matching : null;
        });
    }

    /** Waits until this client sees {@code user}'s membership in {@code room} become {@code membership}. */
    public void awaitMembership(RoomId room, UserId user, String membership, Duration timeout) {
        await(membership + " of " + user, timeout, () -> events.stream()
                .filter(e -> e.get("event").asText().equals("membership")
                        && e.get("roomId").asText().equals(room.value())
                        && e.get("userId").asText().equals(user.value())
                        && e.get("membership").asText().equals(membership))
                .findFirst().orElse(null));
    }

    /** The messages received so far that matched {@code match}. */
    public synchronized List<Message> received(Predicate<Message> match) {
        return events.stream().filter(e -> e.get("event").asText().equals("message"))
                .map(JsPerson::message).filter(match).toList();
    }

    /** Events this client could not decrypt, by event id (what a person would see as "unable to decrypt"). */
    public synchronized List<String> undecryptable() {
        return events.stream().filter(e -> e.get("event").asText().equals("undecryptable"))
                .map(e -> e.get("eventId").asText()).toList();
    }

    /** Waits until {@code found} gives a result (not null), re-checking whenever an event arrives. */
    private synchronized <T> T await(String what, Duration timeout, Supplier<T> found) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T result = found.get();
            if (result != null) {
                return result;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + what + " within " + timeout + "; received " + events.size()
                        + " events, " + undecryptable().size() + " undecryptable; the person's log: " + log);
            }
            if (!process.isAlive()) {
                throw new AssertionError("the person's process ended with " + process.exitValue() + "; see " + log);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static Message message(JsonNode e) {
        return new Message(new RoomId(e.get("roomId").asText()), e.get("eventId").asText(),
                new UserId(e.get("sender").asText()), e.path("msgtype").asText(null), e.path("body").asText(""),
                e.get("encrypted").asBoolean());
    }

    private JsonNode request(String op, Map<String, Object> arguments) {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        ObjectNode request = json.createObjectNode();
        synchronized (this) {
            int requestId = ++nextId;
            pending.put(requestId, answer);
            request.put("id", requestId);
        }
        request.put("op", op);
        arguments.forEach((key, value) -> request.set(key, json.valueToTree(value)));
        try {
            synchronized (stdin) {
                stdin.write((json.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            }
            JsonNode reply = answer.get(REQUEST.toMillis(), TimeUnit.MILLISECONDS);
            if (!reply.path("ok").asBoolean()) {
                throw new IllegalStateException("the person's " + op + " failed: " + reply.path("error").asText());
            }
            return reply;
        } catch (IOException | ExecutionException e) {
            throw new IllegalStateException("the person's " + op + " failed", e);
        } catch (TimeoutException e) {
            throw new AssertionError("the person did not answer " + op + " within " + REQUEST);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Hands answers to their requests and keeps events for the waits; runs until the process closes stdout. */
    private void read() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                JsonNode node = json.readTree(line);
                if (node.has("event")) {
                    synchronized (this) {
                        events.add(node);
                        notifyAll();
                    }
                } else {
                    CompletableFuture<JsonNode> answer = pending.remove(node.path("id").asInt());
                    if (answer != null) {
                        answer.complete(node);
                    }
                }
            }
        } catch (IOException e) {
            // The process went away; waits notice it through isAlive().
        }
        pending.values().forEach(f -> f.completeExceptionally(new IOException("the person's process ended")));
        synchronized (this) {
            notifyAll();
        }
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                request("stop", Map.of());
            }
        } catch (RuntimeException | AssertionError e) {
            // Stopping is best effort; the process is ended below in any case.
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
