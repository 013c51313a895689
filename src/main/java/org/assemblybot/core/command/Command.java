package org.assemblybot.core.command;

import java.util.Objects;

/** A declared command and the code that runs it. */
public record Command(CommandSpec spec, CommandHandler handler) {
    public Command {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(handler, "handler");
    }
}
