package org.assemblybot.adapter.config;

import java.util.Optional;
import org.assemblybot.core.chat.UserId;

/** Checks user id text before building a {@link UserId}, so the loader can report the key instead of throwing. */
final class UserIds {
    private UserIds() {
    }

    /** What {@link UserId} accepts, minus white space (a pasted id with a trailing space must not match nobody). */
    static boolean isValid(String text) {
        try {
            new UserId(text);
            return hasNoWhitespace(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The user id {@code text} names, if {@link #isValid}. */
    static Optional<UserId> parse(String text) {
        return isValid(text) ? Optional.of(new UserId(text)) : Optional.empty();
    }

    static boolean hasNoWhitespace(String text) {
        return text.chars().noneMatch(Character::isWhitespace);
    }
}
