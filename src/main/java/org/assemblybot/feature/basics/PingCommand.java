package org.assemblybot.feature.basics;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.CommandHandler;
import org.assemblybot.core.command.CommandSpec;
import org.assemblybot.core.command.Permission;
import org.assemblybot.core.command.Reply;

/** {@code !ping}: shows that the bot listens, and where the time goes (network versus the bot itself). */
final class PingCommand implements CommandHandler {
    static final CommandSpec SPEC = new CommandSpec("ping", List.of(), List.of(),
            "Checks that the bot answers, and how long that takes.", "ping", Permission.EVERYONE);

    private final Clock clock;

    PingCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Reply handle(CommandContext context) {
        long travelled = Duration.between(context.sentAt(), context.receivedAt()).toMillis();
        long answered = Duration.between(context.receivedAt(), clock.instant()).toMillis();
        // The send time comes from the sender's homeserver clock, the receive time from ours: when they
        // disagree the difference goes negative, which says nothing about the network.
        String skew = travelled < 0 ? " (clocks differ)" : "";
        return Reply.text("pong — your message reached me " + Math.max(0, travelled) + " ms after you sent it"
                + skew + "; I answered after " + answered + " ms.");
    }
}
