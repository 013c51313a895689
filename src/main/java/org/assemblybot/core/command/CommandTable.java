package org.assemblybot.core.command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.assemblybot.core.text.EditDistance;

/** All commands of all features, found by name or alias; two commands may never answer to one word. */
final class CommandTable {
    /** Suggestions further away than this are guesses, not typos. */
    private static final int MAX_TYPO_DISTANCE = 2;

    private final List<Command> commands;
    private final Map<String, Command> byWord = new LinkedHashMap<>();

    CommandTable(List<Command> commands) {
        this.commands = List.copyOf(commands);
        for (Command command : this.commands) {
            CommandSpec spec = command.spec();
            ArgumentBinder.checkDeclaration(spec);
            register(spec.name(), command);
            spec.aliases().forEach(alias -> register(alias, command));
        }
    }

    private void register(String word, Command command) {
        String name = command.spec().name();
        if (word.isBlank() || !word.equals(word.toLowerCase(Locale.ROOT)) || word.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("command '" + name + "': '" + word
                    + "' must be one lower-case word");
        }
        Command earlier = byWord.putIfAbsent(word, command);
        if (earlier != null) {
            throw new IllegalArgumentException("two commands answer to '" + word + "': '"
                    + earlier.spec().name() + "' and '" + name + "'");
        }
    }

    Optional<Command> find(String word) {
        return Optional.ofNullable(byWord.get(word.toLowerCase(Locale.ROOT)));
    }

    List<CommandSpec> specs() {
        return commands.stream().map(Command::spec).toList();
    }

    /**
     * The name or alias closest to a mistyped word: within two edits, or one that starts with it (or the
     * other way round). Two edits can turn any two-letter word into any other, so a suggestion must also
     * need fewer edits than the typed word has letters.
     */
    Optional<String> closest(String typed) {
        String word = typed.toLowerCase(Locale.ROOT);
        List<Candidate> candidates = new ArrayList<>();
        for (String known : byWord.keySet()) {
            int distance = EditDistance.between(word, known);
            boolean prefix = known.startsWith(word) || word.startsWith(known);
            if (prefix || (distance <= MAX_TYPO_DISTANCE && distance < word.length())) {
                candidates.add(new Candidate(known, distance, prefix));
            }
        }
        return candidates.stream()
                .min(Comparator.comparingInt(Candidate::distance).thenComparing(c -> !c.prefix()))
                .map(Candidate::word);
    }

    private record Candidate(String word, int distance, boolean prefix) {
    }
}
