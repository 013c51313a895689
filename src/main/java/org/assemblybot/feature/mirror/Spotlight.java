package org.assemblybot.feature.mirror;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/**
 * The spotlight of one assembly: while {@link State#OPEN} it is being prepared (who researches it, what was set,
 * which prompts went out); once posted only what the history shows is kept.
 *
 * @param researcher who was briefed, or stepped in; null until someone is
 * @param calledAt   when the room was asked whether someone steps in, or null
 * @param content    what the researcher set, or null
 * @param file       a voice note or file to re-post in the card's thread, or null
 */
record Spotlight(long id, RoomId room, Instant assemblyAt, State state, UserId researcher, Instant briefedAt,
                 Instant remindedAt, Instant calledAt, Content content, MirrorFile file, Instant postedAt) {
    enum State { OPEN, POSTED, MISSED }

    /**
     * What the researcher set: the country (ISO alpha-2), the struggle in a line, links, the echo question. Once
     * posted, only the country and the struggle stay (links and echo are empty).
     */
    record Content(String country, String struggle, List<String> links, String echo, UserId setBy, Instant setAt) {
        Content {
            Objects.requireNonNull(country, "country");
            Objects.requireNonNull(struggle, "struggle");
            links = List.copyOf(links);
            Objects.requireNonNull(setBy, "setBy");
            Objects.requireNonNull(setAt, "setAt");
        }

        /** Never the words (P2). */
        @Override
        public String toString() {
            return "Content[" + country + ", set by " + setBy.value() + "]";
        }
    }

    Spotlight {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(assemblyAt, "assemblyAt");
        Objects.requireNonNull(state, "state");
    }

    static Spotlight open(RoomId room, Instant assemblyAt) {
        return new Spotlight(0, room, assemblyAt, State.OPEN, null, null, null, null, null, null, null);
    }

    boolean isSet() {
        return content != null;
    }

    Spotlight withId(long newId) {
        return new Spotlight(newId, room, assemblyAt, state, researcher, briefedAt, remindedAt, calledAt, content, file,
                postedAt);
    }

    /** For another assembly: the prompts start over; what was set stays, and so does its researcher. */
    Spotlight movedTo(Instant start) {
        UserId keptResearcher = isSet() || file != null ? researcher : null;
        Instant keptBrief = keptResearcher == null ? null : briefedAt;
        return new Spotlight(id, room, start, state, keptResearcher, keptBrief, null, null, content, file, postedAt);
    }

    Spotlight briefed(UserId person, Instant at) {
        return new Spotlight(id, room, assemblyAt, state, person, at, remindedAt, calledAt, content, file, postedAt);
    }

    Spotlight reminded(Instant at) {
        return new Spotlight(id, room, assemblyAt, state, researcher, briefedAt, at, calledAt, content, file, postedAt);
    }

    Spotlight called(Instant at) {
        return new Spotlight(id, room, assemblyAt, state, researcher, briefedAt, remindedAt, at, content, file, postedAt);
    }

    Spotlight withContent(Content set) {
        return new Spotlight(id, room, assemblyAt, state, researcher, briefedAt, remindedAt, calledAt, set, file,
                postedAt);
    }

    Spotlight withFile(MirrorFile attached) {
        return new Spotlight(id, room, assemblyAt, state, researcher, briefedAt, remindedAt, calledAt, content,
                attached, postedAt);
    }

    /** Posted: only the country, the struggle and who set it stay; links, echo and the file go (P1). */
    Spotlight posted(Instant at) {
        Content kept = new Content(content.country(), content.struggle(), List.of(), null, content.setBy(),
                content.setAt());
        return new Spotlight(id, room, assemblyAt, State.POSTED, researcher, briefedAt, remindedAt, calledAt, kept,
                null, at);
    }

    /** Nothing was set in time: the history says so, nothing is posted. */
    Spotlight missed(Instant at) {
        return new Spotlight(id, room, assemblyAt, State.MISSED, researcher, briefedAt, remindedAt, calledAt, null,
                null, at);
    }
}
