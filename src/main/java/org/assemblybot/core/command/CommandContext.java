package org.assemblybot.core.command;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/**
 * Everything a handler may know about one invocation.
 *
 * @param name       the command's name, with the sub-command's after a space ({@code sync plan})
 * @param args       the arguments as declared: one entry per given argument, the rest-argument joined
 * @param sentAt     the homeserver's timestamp of the command
 * @param receivedAt when the bot received it (from the injected clock)
 * @param encrypted  whether the command arrived encrypted
 * @param words      every typed word after the command (and sub-command) name except declared options,
 *                   quotes grouping words as typed — for handlers that read more than the declared arguments
 * @param threadRoot the thread the command was sent in, or null; messages about what it created go there
 * @param options    the declared options given: name → value, {@code ""} for a flag
 */
public record CommandContext(RoomId room, UserId sender, EventId event, Instant sentAt, Instant receivedAt,
                             String name, List<String> args, boolean encrypted, List<String> words,
                             EventId threadRoot, Map<String, String> options) {
    public CommandContext {
        args = List.copyOf(args);
        words = List.copyOf(words);
        options = Map.copyOf(options);
    }

    public CommandContext(RoomId room, UserId sender, EventId event, Instant sentAt, Instant receivedAt,
                          String name, List<String> args, boolean encrypted, List<String> words, EventId threadRoot) {
        this(room, sender, event, sentAt, receivedAt, name, args, encrypted, words, threadRoot, Map.of());
    }

    public CommandContext(RoomId room, UserId sender, EventId event, Instant sentAt, Instant receivedAt,
                          String name, List<String> args, boolean encrypted, List<String> words) {
        this(room, sender, event, sentAt, receivedAt, name, args, encrypted, words, null, Map.of());
    }

    public CommandContext(RoomId room, UserId sender, EventId event, Instant sentAt, Instant receivedAt,
                          String name, List<String> args, boolean encrypted) {
        this(room, sender, event, sentAt, receivedAt, name, args, encrypted, args, null, Map.of());
    }

    /** Never print the arguments: they are what people typed (P2). */
    @Override
    public String toString() {
        return "CommandContext[room=" + room + ", sender=" + sender + ", event=" + event + ", name=" + name
                + ", args=" + args.size() + ", options=" + options.keySet() + "]";
    }

    /** The i-th argument, or null when it was not given. */
    public String arg(int i) {
        return i < args.size() ? args.get(i) : null;
    }

    /** The value of a declared option, or null when it was not given ({@code ""} for a flag). */
    public String option(String name) {
        return options.get(name);
    }

    /** Whether a declared option (typically a flag) was given. */
    public boolean has(String name) {
        return options.containsKey(name);
    }
}
