package org.assemblybot.feature.vote;

import java.util.List;
import org.assemblybot.core.chat.UserId;

/** One person's current choices (1-based option numbers, ascending) and, for a block, its reason. */
record Ballot(UserId user, List<Integer> choices, String reason) {
    Ballot {
        choices = List.copyOf(choices);
    }
}
