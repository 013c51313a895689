package org.assemblybot.feature.rotation;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.assemblybot.core.chat.RoomDirectory;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.text.EditDistance;
import org.assemblybot.core.text.UserText;

/**
 * Finds what commands name: a role of the room (with did-you-mean) — or, with {@code --for <room>}, of the room a
 * partner room shares volunteers with — and people, as typed.
 */
final class RoleLookup {
    private static final String MATRIX_TO = "https://matrix.to/#/";

    private final RotationStore store;
    private final RotationTexts texts;
    private final RoomDirectory rooms;

    RoleLookup(RotationStore store, RotationTexts texts, RoomDirectory rooms) {
        this.store = store;
        this.texts = texts;
        this.rooms = rooms;
    }

    /** The room's role named {@code typed}; a refusal naming the closest role (or how to list them) otherwise. */
    Role role(RoomId room, String typed) {
        return role(room, typed, "here");
    }

    /**
     * The role the command's first word names: in this room, or with {@code --for <room>} in that room, whose role
     * must draw volunteers from this one (its partner room, taking part).
     */
    Role role(CommandContext context) {
        String typed = context.option("for");
        if (typed == null) {
            return role(context.room(), context.arg(0));
        }
        RoomId home = room(typed, "e.g. `" + texts.command("role volunteer Facilitation --for #assembly:example.org")
                + "`.");
        if (home.equals(context.room())) {
            return role(home, context.arg(0));
        }
        Role role = role(home, context.arg(0), "in `" + UserText.quotable(typed, 80) + "`");
        if (store.partners().link(role.id()).filter(l -> l.active() && l.room().equals(context.room())).isEmpty()) {
            throw new UserFacingException(role.name() + " in `" + UserText.quotable(typed, 80) + "` does not draw "
                    + "volunteers from this room; its organizers can ask with `" + texts.command("role edit "
                    + role.name() + " --pool-from <this room>") + "`.");
        }
        return role;
    }

    /** A room the bot is in, by alias or id; a refusal ending with {@code example} otherwise. */
    RoomId room(String typed, String example) {
        String word = typed.strip();
        Optional<RoomId> room = word.startsWith("#") || word.startsWith("!") ? rooms.resolve(word) : Optional.empty();
        if (room.isEmpty() || !rooms.joinedRooms().contains(room.get())) {
            throw new UserFacingException((room.isEmpty() && !word.startsWith("#")
                    ? "`" + UserText.quotable(word, 80) + "` is not a room alias or id. Name a room like "
                    + "`#name:server` or `!id:server`, "
                    : "I'm not in `" + UserText.quotable(word, 80) + "`; invite me there first, or check the name, ")
                    + example);
        }
        return room.get();
    }

    /** As {@link #role(RoomId, String)}, the refusal saying {@code where} the role was looked for. */
    Role role(RoomId room, String typed, String where) {
        return store.role(room, typed).orElseThrow(() -> {
            List<String> names = store.roles(room).stream().map(Role::name).toList();
            boolean here = where.equals("here");
            String hint = closest(typed, names).map(n -> " Did you mean `" + n + "`?")
                    .orElse(names.isEmpty() ? (here ? " This" : " That") + " room has no roles yet."
                            : here ? " `" + texts.command("role list") + "` shows them."
                            : " Its roles: " + String.join(", ", names) + ".");
            return new UserFacingException("There is no role `" + UserText.quotable(typed, 40) + "` " + where + "."
                    + hint);
        });
    }

    /** The role {@code roleId}, if it is one of {@code room}'s. */
    Optional<Role> byId(RoomId room, long roleId) {
        return store.role(roleId).filter(r -> r.room().equals(room));
    }

    /**
     * The one of {@code known} that {@code typed} names: a full user id ({@code @dana:example.org}), a matrix.to
     * link, or a name ({@code dana}, {@code @dana}) that only one of them has.
     */
    static Optional<UserId> person(String typed, Collection<UserId> known) {
        String word = typed.strip();
        if (word.startsWith(MATRIX_TO)) {
            word = word.substring(MATRIX_TO.length());
        }
        if (word.contains(":")) {
            String id = word;
            return known.stream().filter(u -> u.value().equals(id)).findFirst();
        }
        String name = (word.startsWith("@") ? word.substring(1) : word).toLowerCase(Locale.ROOT);
        List<UserId> matches = known.stream().filter(u -> u.localpart().toLowerCase(Locale.ROOT).equals(name))
                .distinct().toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    /** A typed name within two edits of a known one (or a prefix of it). */
    static Optional<String> closest(String typed, List<String> known) {
        String word = typed.toLowerCase(Locale.ROOT);
        return known.stream()
                .filter(n -> n.toLowerCase(Locale.ROOT).startsWith(word)
                        || EditDistance.between(word, n.toLowerCase(Locale.ROOT)) <= Math.min(2, word.length() - 1))
                .min(Comparator.comparingInt(n -> EditDistance.between(word, n.toLowerCase(Locale.ROOT))));
    }
}
