package org.assemblybot.core.chat;

import java.util.List;
import java.util.Objects;
import org.assemblybot.core.text.RichText;

/**
 * Native Matrix polls (MSC3381, the unstable {@code org.matrix.msc3381.poll.*} types that clients send
 * today), always with a text fallback so clients without polls still show the question and the answers.
 * Responses arrive as {@link ChatEvent.PollResponse}. Transaction ids as in {@link MessageSender} (M1).
 */
public interface Polls {
    /** One answer: a stable id (what responses carry) and its text. */
    record Answer(String id, String text) {
        public Answer {
            Objects.requireNonNull(id, "id");
            text = RichText.defuseRoomPing(Objects.requireNonNull(text, "text")); // P4: user text never pings
        }
    }

    /**
     * @param question      the question, plain text
     * @param answers       1 to 20 answers
     * @param maxSelections how many answers one person may choose
     * @param disclosed     whether clients may show the running tally before the end
     * @param fallback      the plain-text body for clients without polls
     */
    record PollStart(String question, List<Answer> answers, int maxSelections, boolean disclosed, String fallback) {
        public PollStart {
            // P4: the question and the fallback come from users; they can never ping @room. The adapter also
            // sends empty m.mentions, so clients do not derive pings from the text at all.
            question = RichText.defuseRoomPing(Objects.requireNonNull(question, "question"));
            fallback = RichText.defuseRoomPing(Objects.requireNonNull(fallback, "fallback"));
            answers = List.copyOf(answers);
            if (answers.isEmpty() || answers.size() > 20) {
                throw new IllegalArgumentException("a poll has 1 to 20 answers");
            }
        }
    }

    EventId startPoll(RoomId room, String txnId, PollStart poll);

    /**
     * Ends the poll started by {@code poll}; {@code results} is the text clients show with the end (it can never
     * ping: it is sent with empty {@code m.mentions} and defused like the start).
     */
    EventId endPoll(RoomId room, String txnId, EventId poll, String results);
}
