package org.assemblybot.feature.vote;

import java.util.List;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.Reply;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.text.UserText;

/** Which vote a command means (an open one of this room, by its number), and {@code !vote list} of them all. */
final class VoteLookup {
    private final FeatureKit kit;
    private final VoteStore store;
    private final VoteTexts texts;
    private final VoteTurnout turnout;
    private final String prefix;

    VoteLookup(FeatureKit kit, VoteStore store, VoteTexts texts, VoteTurnout turnout) {
        this.kit = kit;
        this.store = store;
        this.texts = texts;
        this.turnout = turnout;
        this.prefix = kit.prefix();
    }

    Reply list(CommandContext context) {
        return Reply.of(texts.list(store.openIn(context.room()), vote -> turnout.tally(vote).voters(),
                kit.zoneOf(context.room())));
    }

    /** The open vote of {@code room} whose number is the first of {@code words}; {@code command} is for the usage. */
    Vote voteHere(RoomId room, List<String> words, String command) {
        if (words.isEmpty()) {
            throw new UserFacingException("Usage: `" + prefix + command + " <id>`\nExample: `" + prefix + command
                    + " 3`. `" + prefix + "vote list` shows the open votes.");
        }
        long id = voteNumber(words.get(0));
        Vote vote = store.find(id).filter(v -> v.room().equals(room)).orElseThrow(() ->
                new UserFacingException("There is no vote #" + id + " in this room. " + texts.castUsage()));
        if (!vote.open()) {
            throw new UserFacingException(vote.label() + " is closed. `" + prefix + "vote list` shows the open votes.");
        }
        return vote;
    }

    /**
     * A vote's number as typed. Not {@link FeatureKit#number}: its refusal ends with how to vote, which is what
     * someone who mistyped {@code !v} needs.
     */
    long voteNumber(String word) {
        try {
            return Long.parseLong(word.replace("#", ""));
        } catch (NumberFormatException e) {
            throw new UserFacingException("`" + UserText.quotable(word, 20) + "` is not a vote number. "
                    + texts.castUsage());
        }
    }
}
