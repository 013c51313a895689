package org.assemblybot.core.chat;

import java.util.Objects;
import java.util.Set;

/**
 * A message the bot sends. {@code html} must be built only from escaped text (P4); {@code body} is the
 * plain fallback every client can show.
 *
 * @param kind       notice for bot output (notices never trigger bots), text otherwise
 * @param threadRoot answer inside this thread, or null
 * @param inReplyTo  the event this answers (for the thread fallback or a plain reply), or null
 * @param mentions   the users this message pings ({@code m.mentions}); never {@code @room}
 * @param replaces   when set, this is an edit of that (earlier) message of the bot: clients show it in place
 */
public record OutgoingMessage(Kind kind, String body, String html, EventId threadRoot, EventId inReplyTo,
                              Set<UserId> mentions, EventId replaces) {
    public enum Kind { NOTICE, TEXT }

    public OutgoingMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(body, "body");
        mentions = mentions == null ? Set.of() : Set.copyOf(mentions);
    }

    /** A new message (not an edit). */
    public OutgoingMessage(Kind kind, String body, String html, EventId threadRoot, EventId inReplyTo,
                           Set<UserId> mentions) {
        this(kind, body, html, threadRoot, inReplyTo, mentions, null);
    }

    public static OutgoingMessage notice(String body, String html) {
        return new OutgoingMessage(Kind.NOTICE, body, html, null, null, Set.of());
    }

    public static OutgoingMessage text(String body) {
        return new OutgoingMessage(Kind.TEXT, body, null, null, null, Set.of());
    }

    public OutgoingMessage inThread(EventId root, EventId replyTo) {
        return new OutgoingMessage(kind, body, html, root, replyTo, mentions, replaces);
    }

    public OutgoingMessage mentioning(Set<UserId> users) {
        return new OutgoingMessage(kind, body, html, threadRoot, inReplyTo, users, replaces);
    }

    /** This message as an edit of {@code target}. */
    public OutgoingMessage replacing(EventId target) {
        return new OutgoingMessage(kind, body, html, threadRoot, inReplyTo, mentions, target);
    }

    /** Never print the text (P2). */
    @Override
    public String toString() {
        return "OutgoingMessage[kind=" + kind + ", thread=" + threadRoot + ", mentions=" + mentions.size()
                + ", replaces=" + replaces + "]";
    }
}
