package org.assemblybot.core.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** All commands of all features, found by name or alias; two commands may never answer to one word. */
final class CommandTable {
    private final List<Command> commands;
    private final Map<String, Command> byWord = new LinkedHashMap<>();

    CommandTable(List<Command> commands) {
        this.commands = List.copyOf(commands);
        for (Command command : this.commands) {
            CommandSpec spec = command.spec();
            ArgumentBinder.checkDeclaration(spec);
            command.subcommands().forEach(sub -> ArgumentBinder.checkDeclaration(sub.spec()));
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

    List<Command> commands() {
        return commands;
    }

    List<CommandSpec> specs() {
        return commands.stream().map(Command::spec).toList();
    }

    /** The name or alias closest to a mistyped word (see {@link Suggestions}). */
    Optional<String> closest(String typed) {
        return Suggestions.closest(typed, byWord.keySet());
    }
}
