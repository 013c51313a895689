package org.assemblybot.testkit;

import java.util.function.Predicate;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/** What integration tests wait for when the bot keeps a message current: its edits in place. */
public final class BotEdits {
    private BotEdits() {
    }

    /** An edit by the bot of {@code original}, in place ({@code m.replace}), whose text contains the given. */
    public static Predicate<ChatEvent.Message> editOf(UserId bot, RoomId room, ChatEvent.Message original,
                                                      String containing) {
        return m -> m.sender().equals(bot) && m.room().equals(room) && original.id().equals(m.replaces())
                && m.body().contains(containing);
    }
}
