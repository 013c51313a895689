package org.assemblybot.core.command;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A declared command and the code that runs it. A command may declare sub-commands ({@code !sync plan},
 * {@code !sync cancel}); each has its own arguments, options, permission and handler, and routing, the
 * permission gate, usage errors, did-you-mean and help are generated from the declarations. A command with
 * sub-commands may keep a handler of its own for words that name no sub-command ({@code !vote "<question>"}).
 *
 * @param handler     runs it; null only for a command that is nothing but its sub-commands
 * @param gate        how to find what it acts on, for {@link Permission#CREATOR_OR_ORGANIZER} and for organizers
 *                    of another room; null means "organizers of this room"
 * @param subcommands its sub-commands, in the order help lists them
 */
public record Command(CommandSpec spec, CommandHandler handler, Gate gate, List<Command> subcommands) {
    /**
     * @param whoMay   who may run it, as help says it, e.g. "organizers of the room where the action was planned"
     * @param target   resolves what the invocation acts on (after the arguments are bound)
     */
    public record Gate(String whoMay, Target.Resolver target) {
        public Gate {
            Objects.requireNonNull(whoMay, "whoMay");
            Objects.requireNonNull(target, "target");
        }
    }

    public Command {
        Objects.requireNonNull(spec, "spec");
        subcommands = List.copyOf(subcommands);
        if (handler == null && subcommands.isEmpty()) {
            throw new IllegalArgumentException("command '" + spec.name() + "' has neither a handler nor sub-commands");
        }
        if (spec.permission() == Permission.CREATOR_OR_ORGANIZER && gate == null) {
            throw new IllegalArgumentException("command '" + spec.name() + "': creator-or-organizer needs a target");
        }
        if (!subcommands.isEmpty() && spec.permission() != Permission.EVERYONE) {
            throw new IllegalArgumentException("command '" + spec.name()
                    + "': declare the permission on each sub-command, not on the group");
        }
        checkSubcommandWords(spec.name(), subcommands);
    }

    public Command(CommandSpec spec, CommandHandler handler) {
        this(spec, handler, null, List.of());
    }

    /** Starts the declaration of a command (or of a sub-command, to pass to {@link Builder#sub}). */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** The sub-command a typed word names (by name or alias, any case). */
    public Optional<Command> subcommand(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return subcommands.stream()
                .filter(sub -> sub.spec().name().equals(lower) || sub.spec().aliases().contains(lower))
                .findFirst();
    }

    /** Every word that names a sub-command. */
    public List<String> subcommandWords() {
        return subcommands.stream().flatMap(sub -> sub.words().stream()).toList();
    }

    private static void checkSubcommandWords(String command, List<Command> subcommands) {
        Set<String> seen = new HashSet<>();
        for (Command sub : subcommands) {
            if (!sub.subcommands().isEmpty()) {
                throw new IllegalArgumentException("command '" + command + "': sub-commands do not nest");
            }
            for (String word : sub.words()) {
                if (!seen.add(word)) {
                    throw new IllegalArgumentException("command '" + command + "': two sub-commands answer to '"
                            + word + "'");
                }
            }
        }
    }

    /** Its name and aliases. */
    private List<String> words() {
        return Stream.concat(Stream.of(spec.name()), spec.aliases().stream()).toList();
    }

    /** Declares a command step by step; the example and the summary are required. */
    public static final class Builder {
        private final String name;
        private List<String> aliases = List.of();
        private final ArrayList<ArgSpec> args = new ArrayList<>();
        private final ArrayList<OptionSpec> options = new ArrayList<>();
        private final ArrayList<Command> subcommands = new ArrayList<>();
        private String summary;
        private String example;
        private Permission permission = Permission.EVERYONE;
        private Gate gate;
        private CommandHandler handler;

        private Builder(String name) {
            this.name = name;
        }

        public Builder aliases(String... words) {
            this.aliases = List.of(words);
            return this;
        }

        public Builder args(ArgSpec... declared) {
            args.addAll(List.of(declared));
            return this;
        }

        public Builder options(OptionSpec... declared) {
            options.addAll(List.of(declared));
            return this;
        }

        public Builder summary(String text) {
            this.summary = text;
            return this;
        }

        /** A full example without the prefix, sub-command included: {@code sync cancel 3 rain}. */
        public Builder example(String text) {
            this.example = text;
            return this;
        }

        /** For organizers of the room where it is typed. */
        public Builder forOrganizers() {
            this.permission = Permission.ORGANIZER;
            return this;
        }

        /** For organizers of the room the target names, e.g. where an action was planned. */
        public Builder forOrganizersOf(String whoMay, Target.Resolver target) {
            this.permission = Permission.ORGANIZER;
            this.gate = new Gate(whoMay, target);
            return this;
        }

        /** For whoever created the target, and the organizers of its room. */
        public Builder forCreatorOrOrganizers(String whoMay, Target.Resolver target) {
            this.permission = Permission.CREATOR_OR_ORGANIZER;
            this.gate = new Gate(whoMay, target);
            return this;
        }

        public Builder handler(CommandHandler code) {
            this.handler = code;
            return this;
        }

        public Builder sub(Builder subcommand) {
            subcommands.add(subcommand.build());
            return this;
        }

        public Command build() {
            CommandSpec spec = new CommandSpec(name, aliases, args, options,
                    Objects.requireNonNull(summary, () -> "command '" + name + "' needs a summary"),
                    Objects.requireNonNull(example, () -> "command '" + name + "' needs an example"), permission);
            return new Command(spec, handler, gate, subcommands);
        }
    }
}
