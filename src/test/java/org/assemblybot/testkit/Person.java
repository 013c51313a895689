package org.assemblybot.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.assemblybot.adapter.matrix.MatrixSettings;
import org.assemblybot.adapter.matrix.PersonChat;
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
    private final PersonChat chat;
    private final UserId id;
    private final List<ChatEvent> received = new ArrayList<>();
    private final List<Instant> receivedAt = new ArrayList<>();
    private final List<java.util.function.Consumer<ChatEvent>> watchers = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Person(PersonChat chat, UserId id) {
        this.chat = chat;
        this.id = id;
    }

    public static Person login(Synapse homeserver, Synapse.Account account, Path storeDir) {
        PersonChat chat = PersonChat.connect(new MatrixSettings(homeserver.url(), account.userId(),
                account.password(), "person", storeDir, Duration.ofSeconds(20)));
        Person person = new Person(chat, new UserId(account.userId()));
        chat.start(new ChatListener() {
            @Override
            public void onEvent(ChatEvent event, boolean initialSync) {
                // Watchers first, outside the lock: whoever waits for this event finds it already watched (printed).
                person.watchers.forEach(watcher -> watcher.accept(event));
                person.record(event);
            }

            @Override
            public void onInvite(RoomId room, UserId inviter) {
                chat.join(room);
            }
        });
        return person;
    }

    private synchronized void record(ChatEvent event) {
        received.add(event);
        receivedAt.add(Instant.now());
        notifyAll();
    }

    /** Calls {@code watcher} with every event this client receives from now on, as it arrives. */
    public void watch(java.util.function.Consumer<ChatEvent> watcher) {
        watchers.add(watcher);
    }

    public UserId id() {
        return id;
    }

    public PersonChat chat() {
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
    public ChatEvent.Message await(Predicate<ChatEvent.Message> match, Duration timeout) {
        return (ChatEvent.Message) awaitEvent(e -> e instanceof ChatEvent.Message m && match.test(m), timeout);
    }

    /** Waits for the n-th (0-based) received message matching {@code match}. */
    public synchronized ChatEvent.Message awaitNth(Predicate<ChatEvent.Message> match, int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ChatEvent.Message> matching = received(match);
            if (matching.size() > n) {
                return matching.get(n);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("only " + matching.size() + " matching messages within " + timeout);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Waits for the first received event matching {@code match}; fails after {@code timeout}. */
    public synchronized ChatEvent awaitEvent(Predicate<ChatEvent> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (ChatEvent event : received) {
                if (match.test(event)) {
                    return event;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching event within " + timeout + "; received " + received.size());
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Waits until this client sees {@code user}'s membership in {@code room} become {@code membership}. */
    public ChatEvent.Membership awaitMembership(RoomId room, UserId user, String membership, Duration timeout) {
        return (ChatEvent.Membership) awaitEvent(e -> e instanceof ChatEvent.Membership m && m.room().equals(room)
                && m.target().equals(user) && m.membership().equals(membership), timeout);
    }

    /** When this client received the first message matching {@code match}. */
    public synchronized Instant receivedAt(Predicate<ChatEvent.Message> match) {
        for (int i = 0; i < received.size(); i++) {
            if (received.get(i) instanceof ChatEvent.Message m && match.test(m)) {
                return receivedAt.get(i);
            }
        }
        return null;
    }

    public synchronized List<ChatEvent.Message> received(Predicate<ChatEvent.Message> match) {
        return received.stream()
                .filter(e -> e instanceof ChatEvent.Message m && match.test(m))
                .map(e -> (ChatEvent.Message) e)
                .toList();
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
