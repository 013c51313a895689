package org.assemblybot.core.command;

/** Runs one command. Throws {@link UserFacingException} for anything the user should read. */
@FunctionalInterface
public interface CommandHandler {
    Reply handle(CommandContext context);
}
