package org.assemblybot.core.command;

import java.time.Instant;
import java.util.List;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/**
 * Everything a handler may know about one invocation.
 *
 * @param args       the arguments as declared: one entry per given argument, the rest-argument joined
 * @param sentAt     the homeserver's timestamp of the command
 * @param receivedAt when the bot received it (from the injected clock)
 * @param encrypted  whether the command arrived encrypted
 * @param words      every typed word after the command name, quotes grouping words as typed — for commands
 *                   with sub-commands and options that the declared arguments cannot describe
 * @param threadRoot the thread the command was sent in, or null; messages about what it created go there
 */
public record CommandContext(RoomId room, UserId sender, EventId event, Instant sentAt, Instant receivedAt,
                             String name, List<String> args, boolean encrypted, List<String> words,
                             EventId threadRoot) {
    public CommandContext {
        args = List.copyOf(args);
        words = List.copyOf(words);
    }

    public CommandContext(RoomId room, UserId sender, EventId event, Instant sentAt, Instant receivedAt,
                          String name, List<String> args, boolean encrypted, List<String> words) {
        this(room, sender, event, sentAt, receivedAt, name, args, encrypted, words, null);
    }

    public CommandContext(RoomId room, UserId sender, EventId event, Instant sentAt, Instant receivedAt,
                          String name, List<String> args, boolean encrypted) {
        this(room, sender, event, sentAt, receivedAt, name, args, encrypted, args, null);
    }

    /** Never print the arguments: they are what people typed (P2). */
    @Override
    public String toString() {
        return "CommandContext[room=" + room + ", sender=" + sender + ", event=" + event + ", name=" + name
                + ", args=" + args.size() + "]";
    }

    /** The i-th argument, or null when it was not given. */
    public String arg(int i) {
        return i < args.size() ? args.get(i) : null;
    }
}
