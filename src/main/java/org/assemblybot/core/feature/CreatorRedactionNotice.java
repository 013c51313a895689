package org.assemblybot.core.feature;

import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.text.RichText;

/**
 * M5: the command that created something still pending (a vote, a planned action) was redacted. Nothing is
 * cancelled automatically — a moderator may just have tidied the room — so the creator is asked, once, in the
 * room (in the command's thread if it had one), with a pill and {@code m.mentions} (never {@code @room}).
 */
public final class CreatorRedactionNotice {
    /** What a command created, and the thread the command was sent in (null outside threads). */
    public record Creation(long id, EventId threadRoot) {
    }

    private CreatorRedactionNotice() {
    }

    /**
     * @param what       what was created, e.g. "Vote #3", followed by its title in bold
     * @param stillWhat  its state, e.g. "still open"
     * @param cancel     the command that cancels it, e.g. {@code !vote close 3}
     */
    public static OutgoingMessage message(UserId creator, String what, String title, String stillWhat, String cancel,
                                          EventId threadRoot) {
        RichText text = RichText.create().mention(creator, creator.value())
                .text(": the message that created " + what + " ").bold(title)
                .text(" was deleted. It is " + stillWhat + "; nothing was cancelled. To cancel it, type ")
                .code(cancel).text(".");
        OutgoingMessage message = OutgoingMessage.notice(text.plain(), text.html()).mentioning(text.mentions());
        return threadRoot == null ? message : message.inThread(threadRoot, null);
    }
}
