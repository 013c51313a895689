package org.assemblybot.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.assemblybot.adapter.matrix.MatrixSettings;
import org.assemblybot.adapter.matrix.TrixnityChat;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.ChatListener;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/**
 * A person in the chat: a second, real Matrix client (its own account and device, its own end-to-end
 * encryption) that creates rooms, types commands and reads what the bot answers.
 */
public final class Person implements AutoCloseable {
    private final TrixnityChat chat;
    private final UserId id;
    private final List<ChatEvent.Message> received = new ArrayList<>();
    private final List<Instant> receivedAt = new ArrayList<>();

    private Person(TrixnityChat chat, UserId id) {
        this.chat = chat;
        this.id = id;
    }

    public static Person login(Synapse homeserver, Synapse.Account account, Path storeDir) {
        TrixnityChat chat = TrixnityChat.connect(new MatrixSettings(homeserver.url(), account.userId(),
                account.password(), "person", storeDir, Duration.ofSeconds(20)));
        Person person = new Person(chat, new UserId(account.userId()));
        chat.start(new ChatListener() {
            @Override
            public void onEvent(ChatEvent event, boolean initialSync) {
                if (event instanceof ChatEvent.Message message) {
                    person.record(message);
                }
            }

            @Override
            public void onInvite(RoomId room, UserId inviter) {
                chat.join(room);
            }
        });
        return person;
    }

    private synchronized void record(ChatEvent.Message message) {
        received.add(message);
        receivedAt.add(Instant.now());
        notifyAll();
    }

    public UserId id() {
        return id;
    }

    public TrixnityChat chat() {
        return chat;
    }

    public RoomId createRoom(String name, boolean encrypted, UserId... invite) {
        return chat.createRoom(name, encrypted, java.util.Set.of(invite));
    }

    /** Sends a plain text message, as a person typing would. */
    public EventId say(RoomId room, String text) {
        return chat.send(room, "p-" + UUID.randomUUID(), OutgoingMessage.text(text));
    }

    /** Waits for the first received message matching {@code match}; fails after {@code timeout}. */
    public synchronized ChatEvent.Message await(Predicate<ChatEvent.Message> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (ChatEvent.Message message : received) {
                if (match.test(message)) {
                    return message;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching message within " + timeout + "; received " + received.size());
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** When this client received the first message matching {@code match}. */
    public synchronized Instant receivedAt(Predicate<ChatEvent.Message> match) {
        for (int i = 0; i < received.size(); i++) {
            if (match.test(received.get(i))) {
                return receivedAt.get(i);
            }
        }
        return null;
    }

    public synchronized List<ChatEvent.Message> received(Predicate<ChatEvent.Message> match) {
        return received.stream().filter(match).toList();
    }

    /** A notice from {@code sender} answering {@code command} (thread or reply relation). */
    public static Predicate<ChatEvent.Message> noticeFrom(UserId sender, RoomId room) {
        return m -> m.isNotice() && m.sender().equals(sender) && m.room().equals(room);
    }

    @Override
    public void close() {
        chat.close();
    }
}
