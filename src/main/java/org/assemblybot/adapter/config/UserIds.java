package org.assemblybot.adapter.config;

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

    static boolean hasNoWhitespace(String text) {
        return text.chars().noneMatch(Character::isWhitespace);
    }
}
