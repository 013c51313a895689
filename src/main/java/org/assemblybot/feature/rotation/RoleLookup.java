package org.assemblybot.feature.rotation;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.text.EditDistance;
import org.assemblybot.core.text.UserText;

/** Finds what commands name: a role of the room (with did-you-mean) and people, as typed. */
final class RoleLookup {
    private static final String MATRIX_TO = "https://matrix.to/#/";

    private final RotationStore store;
    private final RotationTexts texts;

    RoleLookup(RotationStore store, RotationTexts texts) {
        this.store = store;
        this.texts = texts;
    }

    /** The room's role named {@code typed}; a refusal naming the closest role (or how to list them) otherwise. */
    Role role(RoomId room, String typed) {
        return store.role(room, typed).orElseThrow(() -> {
            List<String> names = store.roles(room).stream().map(Role::name).toList();
            String hint = closest(typed, names).map(n -> " Did you mean `" + n + "`?")
                    .orElse(names.isEmpty() ? " This room has no roles yet." : " `" + texts.command("role list")
                            + "` shows them.");
            return new UserFacingException("There is no role `" + UserText.quotable(typed, 40) + "` here." + hint);
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
