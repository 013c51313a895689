package org.assemblybot.core.command;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import org.assemblybot.core.text.EditDistance;

/** "Did you mean …?" for commands, sub-commands and options alike. */
final class Suggestions {
    /** Suggestions further away than this are guesses, not typos. */
    private static final int MAX_TYPO_DISTANCE = 2;

    private Suggestions() {
    }

    /**
     * The known word closest to a mistyped one: within two edits, or one that starts with it (or the other way
     * round). Two edits can turn any two-letter word into any other, so a suggestion must also need fewer edits
     * than the typed word has letters.
     */
    static Optional<String> closest(String typed, Collection<String> known) {
        String word = typed.toLowerCase(Locale.ROOT);
        return known.stream()
                .map(candidate -> new Candidate(candidate, EditDistance.between(word, candidate),
                        candidate.startsWith(word) || word.startsWith(candidate)))
                .filter(c -> c.prefix() || (c.distance() <= MAX_TYPO_DISTANCE && c.distance() < word.length()))
                .min(Comparator.comparingInt(Candidate::distance).thenComparing(c -> !c.prefix()))
                .map(Candidate::word);
    }

    private record Candidate(String word, int distance, boolean prefix) {
    }
}
